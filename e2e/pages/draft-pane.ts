import type { Locator, Page } from '@playwright/test';
import { FindingsPanel } from './findings-panel';

/** The pane of one draft (review queue or My drafts): facts, actions, the reviewer's edit, text, findings, history. */
export class DraftPane {
  readonly root: Locator;
  /** The action bar: a group of buttons, unavailable ones marked aria-disabled and described by their reason. */
  readonly actions: Locator;
  readonly status: Locator;
  readonly text: Locator;
  readonly findings: FindingsPanel;
  /** The history, oldest event first. */
  readonly history: Locator;
  readonly events: Locator;
  /** "Reviewer’s edit": the author's last text next to the reviewer's. */
  readonly compare: Locator;
  readonly before: Locator;
  readonly after: Locator;
  /** A refusal of an action taken straight from the bar. */
  readonly problem: Locator;

  constructor(readonly page: Page, readonly id: string) {
    this.root = page.getByRole('region', { name: `Draft ${id}` });
    this.actions = this.root.getByRole('group', { name: 'Actions' });
    this.status = this.fact('Status');
    this.text = this.root.getByLabel('Text', { exact: true });
    this.findings = new FindingsPanel(this.root.getByRole('region', { name: 'Findings' }));
    this.history = this.root.getByRole('list', { name: 'History' });
    this.events = this.history.locator(':scope > li');
    this.compare = this.root.getByRole('region', { name: 'Reviewer’s edit' });
    this.before = this.compare.getByRole('region', { name: /^Before:/ });
    this.after = this.compare.getByRole('region', { name: /^After:/ });
    this.problem = this.root.getByRole('alert');
  }

  /** An action's button: "Approve", "Request changes", "Sign off"… */
  action(name: string): Locator {
    return this.actions.getByRole('button', { name, exact: true });
  }

  /** A fact from the draft's facts table, by its row header: "Status", "Purpose", "Link"… */
  fact(term: string): Locator {
    return this.root
      .getByRole('table', { name: 'Details' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: term, exact: true }) })
      .getByRole('cell');
  }
}

/** A modal action dialog, found by its title. */
export class ActionDialog {
  readonly root: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page, title: string) {
    this.root = page.getByRole('dialog', { name: title });
    this.problem = this.root.getByRole('alert');
  }

  field(label: string | RegExp): Locator {
    return this.root.getByLabel(label);
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }
}
