import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/** Every dialog in the app is this one, so focus, Escape and labelling behave the same everywhere. */
export interface DialogProps {
  title: string;
  /** Escape, Cancel, or the caller after a successful action. */
  onClose: () => void;
  /** Moves focus in once the dialog is open; by default the browser focuses its first field. */
  onOpen?: () => void;
  wide?: boolean;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog>: labelled by its title, focus moves
 * in and stays in, Escape closes it, and focus returns to what opened it.
 * Mounted means open: the caller closes it by no longer rendering it.
 */
export function Dialog({ title, onClose, onOpen, wide = false, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onOpenRef = useRef(onOpen);
  const mounted = useRef(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    mounted.current = true;
    dialog.showModal();
    return () => {
      mounted.current = false;
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // After the children's own effects (an editor is created in one), so there is something to focus.
  useEffect(() => {
    onOpenRef.current?.();
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      // Escape closes the native dialog; the caller then stops rendering it. The close
      // that unmounting (or a remount) causes is not the user's.
      onClose={() => {
        if (mounted.current && !ref.current?.open) onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
