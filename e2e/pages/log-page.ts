import type { Locator, Page } from '@playwright/test';

/** The approved-post log: chain head, dashboard (filters, charts with their tables) and the Export… button. */
export class LogPage {
  readonly heading: Locator;
  readonly chainHead: Locator;
  /** The full 64-hex hash. */
  readonly hash: Locator;
  readonly dashboard: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page, names = { heading: 'Approved-post log', chainHead: 'Chain head', dashboard: 'Dashboard', export: 'Export…' }) {
    this.heading = page.getByRole('heading', { name: names.heading, level: 1 });
    this.chainHead = page.getByRole('region', { name: names.chainHead, exact: true });
    this.hash = this.chainHead.getByText(/^[0-9a-f]{64}$/);
    this.dashboard = page.getByRole('region', { name: names.dashboard });
    this.exportButton = page.getByRole('button', { name: names.export });
  }

  /** A chart by its caption. */
  chart(caption: string): Locator {
    return this.dashboard.getByRole('figure', { name: caption });
  }

  /** The table that holds a chart's numbers, named by the same caption. */
  table(caption: string): Locator {
    return this.dashboard.getByRole('table', { name: caption });
  }

  filter(label: string): Locator {
    return this.dashboard.getByRole('group', { name: 'Which posts' }).getByLabel(label);
  }
}

/** The export dialog: format, filters, Export, progress and the result line. */
export class ExportDialogPage {
  readonly root: Locator;
  readonly submit: Locator;
  readonly close: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page, title = 'Export the approved-post log') {
    this.root = page.getByRole('dialog', { name: title });
    this.submit = this.root.getByRole('button', { name: 'Export', exact: true });
    this.close = this.root.getByRole('button', { name: 'Close', exact: true });
    this.problem = this.root.getByRole('alert');
  }

  format(name: string): Locator {
    return this.root.getByRole('radio', { name });
  }

  filter(label: string): Locator {
    return this.root.getByRole('group', { name: 'Which posts' }).getByLabel(label);
  }

  get done(): Locator {
    return this.root.getByText(/records? exported to/);
  }
}
