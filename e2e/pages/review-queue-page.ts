import type { Locator, Page } from '@playwright/test';
import { DraftPane } from './draft-pane';
import { FindingsPanel } from './findings-panel';

/** The reviewer's queue: filters, status tabs with counts, the drafts of the chosen status (a listbox), and the selected draft. */
export class ReviewQueuePage {
  readonly heading: Locator;
  readonly tabs: Locator;
  /** The drafts of the selected tab ("Pending review" by default): a listbox whose options are the rows on screen. */
  readonly list: Locator;
  readonly rows: Locator;
  readonly selected: Locator;
  readonly empty: Locator;
  readonly noMatch: Locator;
  readonly approve: Locator;
  readonly filters: Locator;
  readonly search: Locator;
  readonly platform: Locator;
  readonly author: Locator;
  readonly purpose: Locator;
  readonly crisisOnly: Locator;
  readonly clearFilters: Locator;
  readonly shortcutsButton: Locator;
  readonly shortcuts: Locator;

  constructor(readonly page: Page, status = 'Pending review') {
    this.heading = page.getByRole('heading', { name: 'Review queue', level: 1 });
    this.tabs = page.getByRole('tablist', { name: 'Drafts by status' });
    this.list = page.getByRole('listbox', { name: status, exact: true });
    this.rows = this.list.getByRole('option');
    this.selected = this.list.getByRole('option', { selected: true });
    this.empty = page.getByText('Nothing is waiting for review.');
    this.noMatch = page.getByText('No drafts match these filters.');
    this.approve = page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Approve', exact: true });
    this.filters = page.getByRole('group', { name: 'Filters' });
    this.search = this.filters.getByLabel('Search drafts');
    this.platform = this.filters.getByLabel('Platform');
    this.author = this.filters.getByLabel('Author');
    this.purpose = this.filters.getByLabel('Purpose');
    this.crisisOnly = this.filters.getByLabel('Crises only');
    this.clearFilters = this.filters.getByRole('button', { name: 'Clear filters' });
    this.shortcutsButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
    this.shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
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

  /** A draft's row, by (part of) the first line of its text. */
  item(text: string): Locator {
    return this.rows.filter({ hasText: text });
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
