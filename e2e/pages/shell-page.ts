import type { Locator, Page } from '@playwright/test';

/** The window frame: profile switcher, language, sections, the waiting count, the notice line and notification toasts. */
export class ShellPage {
  readonly workingAs: Locator;
  readonly language: Locator;
  readonly notice: Locator;
  readonly alert: Locator;
  /** The count of drafts waiting for the profile, beside its section ("3 waiting for you"). */
  readonly waiting: Locator;
  /** The live region that holds notification toasts. */
  readonly toasts: Locator;

  /** `names.workingAs`: the profile picker's label in the UI's language. */
  constructor(readonly page: Page, names: { workingAs?: string } = {}) {
    // A combobox: in Chinese the label is also part of the profile picker's region name.
    this.workingAs = page.getByRole('combobox', { name: names.workingAs ?? 'Working as' });
    // The top bar's picker (Settings has one of its own).
    this.language = page.getByRole('banner').getByLabel('Language');
    // The notice line is the first status region; the navigation's count and the toasts come after it.
    this.notice = page.getByRole('status').first();
    this.alert = page.getByRole('alert');
    this.waiting = page.getByRole('navigation').getByRole('status');
    this.toasts = page.getByRole('status', { name: 'Notifications' });
  }

  section(name: string): Locator {
    return this.page.getByRole('navigation').getByRole('button', { name });
  }

  /** Option values are profile names. */
  async switchTo(profile: string): Promise<void> {
    await this.workingAs.selectOption({ value: profile });
  }
}
