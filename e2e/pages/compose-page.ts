import type { Locator, Page } from '@playwright/test';

/** The executive's compose screen. */
export class ComposePage {
  readonly heading: Locator;
  readonly platform: Locator;
  readonly text: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'New draft' });
    this.platform = page.getByLabel('Platform');
    this.text = page.getByLabel('Draft text');
    this.submit = page.getByRole('button', { name: 'Submit for review' });
  }

  async write(platform: 'Weibo' | 'X' | 'LinkedIn', text: string): Promise<void> {
    await this.platform.selectOption({ label: platform });
    await this.text.fill(text);
  }
}
