import type { Locator, Page } from '@playwright/test';

/** Settings: profiles (rename, role, add), theme, language, default platform, notifications and the way to the policy. */
export class SettingsPage {
  readonly main: Locator;
  readonly heading: Locator;
  readonly profiles: Locator;
  readonly language: Locator;
  readonly defaultPlatform: Locator;
  readonly openPolicy: Locator;
  /** A refusal shown beside the profile it concerns. */
  readonly problem: Locator;

  constructor(readonly page: Page, readonly names: { heading?: string; theme?: string; language?: string } = {}) {
    this.main = page.getByRole('main');
    this.heading = this.main.getByRole('heading', { name: names.heading ?? 'Settings', level: 1 });
    this.profiles = this.main.getByRole('table', { name: 'Profiles' });
    // A select's name includes its options' text, so the label is matched at the start.
    this.language = this.main.getByRole('combobox', { name: new RegExp(`^${names.language ?? 'Language'}`) });
    this.defaultPlatform = this.main.getByRole('combobox', { name: /^Default platform/ });
    this.openPolicy = this.main.getByRole('button', { name: 'Edit the policy' });
    this.problem = this.profiles.getByRole('alert');
  }

  /** A profile's row, found by the name in its row header. */
  row(name: string): Locator {
    return this.profiles.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  roleOf(name: string): Locator {
    return this.main.getByLabel(`Role of ${name}`);
  }

  renameButton(name: string): Locator {
    return this.main.getByRole('button', { name: `Rename ${name}`, exact: true });
  }

  async rename(name: string, newName: string): Promise<void> {
    await this.renameButton(name).click();
    await this.main.getByLabel(`New name for ${name}`).fill(newName);
    await this.main.getByRole('button', { name: 'Save name' }).click();
  }

  /** "Follow the system", "Light" or "Dark". */
  theme(label: string): Locator {
    return this.main.getByRole('group', { name: this.names.theme ?? 'Theme' }).getByRole('radio', { name: label });
  }
}
