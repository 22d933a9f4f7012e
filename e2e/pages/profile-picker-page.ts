import type { Locator, Page } from '@playwright/test';

/** "Choose who is working": pick a profile or add the first one. */
export class ProfilePickerPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Choose who is working' });
  }

  async pick(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  }

  async add(name: string, role: 'Executive' | 'Reviewer' | 'Admin'): Promise<void> {
    await this.page.getByLabel('Name').fill(name);
    await this.page.getByLabel('Role').selectOption({ label: role });
    await this.page.getByRole('button', { name: 'Add profile' }).click();
  }
}
