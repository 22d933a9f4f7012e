import type { Locator, Page } from '@playwright/test';

/** The executive's list of their own drafts. */
export class MyDraftsPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'My drafts' });
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }
}
