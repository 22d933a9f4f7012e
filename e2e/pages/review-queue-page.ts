import type { Locator, Page } from '@playwright/test';
import { DraftPane } from './draft-pane';
import { FindingsPanel } from './findings-panel';

/** The reviewer's queue: status tabs with counts, the drafts of the chosen status, and the selected draft. */
export class ReviewQueuePage {
  readonly heading: Locator;
  readonly tabs: Locator;
  /** The drafts of the selected tab ("Pending review" by default). */
  readonly list: Locator;
  readonly empty: Locator;
  readonly approve: Locator;

  constructor(readonly page: Page, status = 'Pending review') {
    this.heading = page.getByRole('heading', { name: 'Review queue', level: 1 });
    this.tabs = page.getByRole('tablist', { name: 'Drafts by status' });
    this.list = page.getByRole('list', { name: status, exact: true });
    this.empty = page.getByText('Nothing is waiting for review.');
    this.approve = page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Approve', exact: true });
  }

  /** A status's tab, named "Pending review: 2". */
  tab(status: string): Locator {
    return this.tabs.getByRole('tab', { name: new RegExp(`^${status}: \\d+$`) });
  }

  /** Shows the drafts of a status; the page object then follows that list. */
  async show(status: string): Promise<ReviewQueuePage> {
    await this.tab(status).click();
    return new ReviewQueuePage(this.page, status);
  }

  item(text: string): Locator {
    return this.list.getByRole('button').filter({ hasText: text });
  }

  detail(id: string): Locator {
    return this.page.getByRole('region', { name: `Draft ${id}` });
  }

  pane(id: string): DraftPane {
    return new DraftPane(this.page, id);
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
