import type { Locator, Page } from '@playwright/test';
import { FindingsPanel } from './findings-panel';

/** The reviewer's queue and the selected draft. */
export class ReviewQueuePage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly empty: Locator;
  readonly approve: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Pending review' });
    this.list = page.getByRole('list', { name: 'Pending review' });
    this.empty = page.getByText('Nothing is waiting for review.');
    this.approve = page.getByRole('button', { name: 'Approve' });
  }

  item(text: string): Locator {
    return this.list.getByRole('button').filter({ hasText: text });
  }

  detail(id: string): Locator {
    return this.page.getByRole('region', { name: `Draft ${id}` });
  }

  /** The selected draft's text: a read-only editor. */
  text(id: string): Locator {
    return this.detail(id).getByLabel('Text', { exact: true });
  }

  counter(id: string): Locator {
    return this.detail(id).locator('.counter');
  }

  findings(id: string): FindingsPanel {
    return new FindingsPanel(this.detail(id).getByRole('region', { name: 'Findings' }));
  }
}
