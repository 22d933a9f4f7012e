import type { Locator, Page } from '@playwright/test';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The findings panel of a text (compose, review pane, policy preview), grouped by severity. */
export class FindingsPanel {
  constructor(readonly root: Locator) {}

  /** The group whose heading starts with the label: "Errors", "Warnings", "Info" (or a translation). */
  group(label: string): Locator {
    const start = new RegExp(`^${escape(label)}`);
    return this.root.locator('.finding-group').filter({ has: this.root.page().getByRole('heading', { name: start }) });
  }

  /** The finding about this text: its list item (message, suggestion). */
  item(match: string): Locator {
    return this.root.getByRole('listitem').filter({ hasText: match });
  }

  /** The field beside an `error` finding where a reviewer justifies approving over it. */
  justification(match: string): Locator {
    return this.root.getByLabel(new RegExp(`^Justification for “${escape(match)}”`));
  }

  /** The button that selects the finding's text in the editor. */
  jump(match: string): Locator {
    return this.root.getByRole('button', { name: match });
  }
}

/** The text the page has selected (the editor's selection included). */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}
