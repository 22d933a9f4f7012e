import type { Locator, Page } from '@playwright/test';
import { FindingsPanel } from './findings-panel';

/** The executive's compose screen. */
export class ComposePage {
  readonly heading: Locator;
  readonly platform: Locator;
  readonly purpose: Locator;
  readonly crisis: Locator;
  /** The CodeMirror editor's content element (a contenteditable textbox named "Draft text"). */
  readonly text: Locator;
  readonly submit: Locator;
  readonly save: Locator;
  /** "X: 36/280" */
  readonly counter: Locator;
  readonly findings: FindingsPanel;

  constructor(readonly page: Page, names: { heading?: string; findings?: string; text?: string } = {}) {
    this.heading = page.getByRole('heading', { name: names.heading ?? 'New draft' });
    this.platform = page.getByLabel('Platform');
    this.purpose = page.getByLabel('Purpose');
    this.crisis = page.getByLabel('Crisis: review this first');
    this.text = page.getByLabel(names.text ?? 'Draft text');
    this.submit = page.getByRole('button', { name: 'Submit for review' });
    this.save = page.getByRole('button', { name: 'Save as draft' });
    this.counter = page.locator('.counter');
    this.findings = new FindingsPanel(page.getByRole('region', { name: names.findings ?? 'Findings' }));
  }

  async write(platform: 'Weibo' | 'X' | 'LinkedIn', text: string): Promise<void> {
    await this.platform.selectOption({ label: platform });
    await this.text.fill(text);
  }
}
