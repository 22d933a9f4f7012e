import type { Locator, Page } from '@playwright/test';
import { FindingsPanel } from './findings-panel';

/** The revision diff: two labelled selects, the two sides (read-only editors named "Before: …" and "After: …") and the changes in words. */
export class RevisionDiff {
  readonly from: Locator;
  readonly to: Locator;
  readonly before: Locator;
  readonly after: Locator;
  /** "1 replacement, 2 insertions" */
  readonly summary: Locator;
  /** Text marked as deleted (on the left) and inserted (on the right). */
  readonly deleted: Locator;
  readonly inserted: Locator;
  /** The changes listed in words, once "List the changes" is open. */
  readonly listToggle: Locator;
  readonly changes: Locator;

  constructor(readonly root: Locator) {
    this.from = root.getByRole('combobox', { name: 'From revision', exact: true });
    this.to = root.getByRole('combobox', { name: 'To revision', exact: true });
    this.before = root.getByRole('region', { name: /^Before:/ });
    this.after = root.getByRole('region', { name: /^After:/ });
    this.summary = root.locator('.diff-summary');
    this.deleted = this.before.locator('.cm-changedText');
    this.inserted = this.after.locator('.cm-changedText');
    this.listToggle = root.getByText('List the changes', { exact: true });
    this.changes = root.getByRole('list', { name: 'Changes' }).getByRole('listitem');
  }

  /** A side's text itself: a read-only editor with the side's label. */
  side(which: 'before' | 'after'): Locator {
    return (which === 'before' ? this.before : this.after).getByRole('textbox');
  }
}

/** What the pane's region and action bar are called in the UI's language ("Draft", "Actions" by default). */
export interface DraftPaneNames {
  draft?: string;
  actions?: string;
}

/** The pane of one draft (review queue or My drafts): facts, actions, text, findings, revision diff, history. */
export class DraftPane {
  readonly root: Locator;
  /** The action bar: a group of buttons, unavailable ones marked aria-disabled and described by their reason. */
  readonly actions: Locator;
  readonly status: Locator;
  /** The text in force: a read-only editor, replaced by the edit form while an edit is open. */
  readonly text: Locator;
  readonly findings: FindingsPanel;
  /** The history, oldest event first. */
  readonly history: Locator;
  readonly events: Locator;
  readonly diff: RevisionDiff;
  /** The diff's two sides (kept under their older names for the workflow spec). */
  readonly compare: Locator;
  readonly before: Locator;
  readonly after: Locator;
  /** A refusal of an action taken straight from the bar. */
  readonly problem: Locator;

  constructor(readonly page: Page, readonly id: string, names: DraftPaneNames = {}) {
    this.root = page.getByRole('region', { name: `${names.draft ?? 'Draft'} ${id}` });
    this.actions = this.root.getByRole('group', { name: names.actions ?? 'Actions' });
    this.status = this.fact('Status');
    this.text = this.root.getByLabel('Text', { exact: true });
    this.findings = new FindingsPanel(this.root.getByRole('region', { name: 'Findings' }));
    this.history = this.root.getByRole('list', { name: 'History' });
    this.events = this.history.locator(':scope > li');
    this.diff = new RevisionDiff(this.root.getByRole('region', { name: 'Compare revisions' }));
    this.compare = this.diff.root;
    this.before = this.diff.before;
    this.after = this.diff.after;
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

  /** CodeMirror's lint marks under the findings' text, by severity. */
  underlines(severity: 'error' | 'warning' | 'info'): Locator {
    return this.root.locator(`.cm-lintRange-${severity}`);
  }
}

/**
 * What an action opens, found by its title: a modal dialog, or for new text
 * (Edit, Resubmit) the form that opens in place of the pane's text.
 */
export class ActionDialog {
  readonly root: Locator;
  readonly problem: Locator;

  constructor(readonly page: Page, title: string) {
    this.root = page.getByRole('dialog', { name: title }).or(page.getByRole('form', { name: title }));
    this.problem = this.root.getByRole('alert');
  }

  field(label: string | RegExp): Locator {
    return this.root.getByLabel(label);
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }
}
