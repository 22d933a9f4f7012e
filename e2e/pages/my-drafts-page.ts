import type { Locator, Page } from '@playwright/test';
import { DraftPane } from './draft-pane';

/** The executive's list of their own drafts, and the selected one. */
export class MyDraftsPage {
  readonly heading: Locator;
  readonly list: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'My drafts', level: 1 });
    this.list = page.getByRole('list', { name: 'My drafts' });
  }

  /** The draft's entry in the list (a button showing its status and text). */
  row(text: string): Locator {
    return this.list.getByRole('button').filter({ hasText: text });
  }

  async open(text: string, id: string): Promise<DraftPane> {
    await this.row(text).click();
    return new DraftPane(this.page, id);
  }
}
