import type { Locator, Page } from '@playwright/test';
import { FindingsPanel } from './findings-panel';

/** The admin's policy screen: word lists, rule severities, "Try a sentence" and Save. */
export class PolicyPage {
  readonly heading: Locator;
  readonly competitors: Locator;
  readonly confidential: Locator;
  /** The built-in well-known companies (the comparison check), editable. */
  readonly companies: Locator;
  /** The team's cancelling contexts, `term: context, context` per line. */
  readonly homonyms: Locator;
  readonly sentence: Locator;
  readonly previewPlatform: Locator;
  readonly preview: FindingsPanel;
  /** The "Try a sentence" area, where a policy that cannot compile says why. */
  readonly tryArea: Locator;
  readonly save: Locator;
  readonly saveProblem: Locator;
  /** The workflow setting `authorSignOffOnEdits`. */
  readonly authorSignOff: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Policy', level: 1 });
    this.competitors = page.getByLabel('Competitors (one per line)');
    this.confidential = page.getByLabel('Confidential names (one per line)');
    this.companies = page.getByLabel(/^Well-known companies/);
    this.homonyms = page.getByLabel(/^Cancelling contexts/);
    this.tryArea = page.getByRole('region', { name: 'Try a sentence' });
    this.sentence = this.tryArea.getByLabel('Sentence');
    this.previewPlatform = this.tryArea.getByLabel('Platform');
    this.preview = new FindingsPanel(this.tryArea.getByRole('region', { name: 'Findings' }));
    this.save = page.getByRole('button', { name: 'Save policy' });
    this.saveProblem = page.getByRole('alert').filter({ hasText: 'The policy was not saved' });
    this.authorSignOff = page.getByLabel('Authors sign off on reviewers’ edits');
  }

  severity(ruleId: string): Locator {
    return this.page.getByLabel(`Severity of ${ruleId}`);
  }
}
