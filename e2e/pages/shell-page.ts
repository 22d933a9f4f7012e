import type { Locator, Page } from '@playwright/test';

/** The window frame: profile switcher, language, sections and the notice line. */
export class ShellPage {
  readonly workingAs: Locator;
  readonly language: Locator;
  readonly notice: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.workingAs = page.getByLabel('Working as');
    this.language = page.getByLabel('Language');
    this.notice = page.getByRole('status');
    this.alert = page.getByRole('alert');
  }

  section(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name });
  }

  /** Option values are profile names. */
  async switchTo(profile: string): Promise<void> {
    await this.workingAs.selectOption({ value: profile });
  }
}
