import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

// Chromium asks the session before a page may use a powerful feature. The
// app's page needs exactly one: writing text to the clipboard (Copy on the
// Log screen, `navigator.clipboard.writeText`, which Chromium checks as
// `clipboard-sanitized-write`). Everything else — camera, microphone,
// notifications from the page, geolocation, reading the clipboard… — is
// refused to every page, and so is the clipboard to anything but the app.

/** The permissions the app's own page is granted; nothing else is granted to anyone. */
export const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** True only for a granted permission asked by the app page (app://countersign), in the app's window, from its main frame. */
export function isPermissionGranted(contents: Pick<WebContents, 'getURL'> | null, permission: string, requestingUrl: string | undefined, isMainFrame: boolean): boolean {
  return grantedPermissions.has(permission) && isMainFrame && contents !== null && isAppUrl(contents.getURL()) && isAppUrl(requestingUrl);
}

/** Installs the request and the check handler on the app's session (after `ready`). */
export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => callback(isPermissionGranted(contents, permission, details.requestingUrl, details.isMainFrame)));
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => isPermissionGranted(contents, permission, requestingOrigin, details.isMainFrame));
}
