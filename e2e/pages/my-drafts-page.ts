import type { Locator, Page } from '@playwright/test';
import { DraftPane, type DraftPaneNames } from './draft-pane';

/** The executive's list of their own drafts, and the selected one. */
export class MyDraftsPage {
  readonly heading: Locator;
  readonly list: Locator;

  /** `title`: "My drafts" in the UI's language (the heading and the list's name). */
  constructor(readonly page: Page, title = 'My drafts') {
    this.heading = page.getByRole('heading', { name: title, level: 1 });
    this.list = page.getByRole('list', { name: title });
  }

  /** The draft's entry in the list (a button showing its status and text). */
  row(text: string): Locator {
    return this.list.getByRole('button').filter({ hasText: text });
  }

  async open(text: string, id: string, names?: DraftPaneNames): Promise<DraftPane> {
    await this.row(text).click();
    return new DraftPane(this.page, id, names);
  }
}
