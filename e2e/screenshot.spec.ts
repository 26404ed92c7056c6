import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { signIn } from './support/desk';

/**
 * The trade page as a trader sees it, once the book is verified and candles are drawn, on a desktop
 * (1400 px) and a phone (360 px). The pictures are always written to test-results;
 * `UPDATE_README_SCREENSHOT=1` also refreshes the ones the README shows.
 */
async function shoot(page: Page, outputPath: string, readmeName: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await signIn(page, 'trader');
  await page.goto('/trade/BTC-USD');
  await expect(page.getByRole('status').first()).toContainText(/live/i);
  await expect(page.getByText('Checksum verified')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Price chart' }).locator('canvas').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Price chart' }).getByRole('status')).not.toHaveText(/Loading/);
  await expect(page.getByRole('region', { name: 'Recent trades' }).getByRole('row').nth(5)).toBeAttached();
  // nothing scrolls sideways, on the phone either
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  await page.screenshot({ path: outputPath });
  if (process.env.UPDATE_README_SCREENSHOT === '1') {
    mkdirSync('public/readme', { recursive: true });
    copyFileSync(outputPath, `public/readme/${readmeName}`);
  }
}

// a busy shared machine can take a minute to bring a trade page fully live
test.describe.configure({ timeout: 120_000 });

test('trade page screenshot for the README at 1400 px', async ({ page }, testInfo) => {
  await shoot(page, testInfo.outputPath('trade-page.png'), 'trade-page.png', 1400, 900);
});

test('trade page screenshot for the README at 360 px', async ({ page }, testInfo) => {
  await shoot(page, testInfo.outputPath('trade-page-phone.png'), 'trade-page-phone.png', 360, 780);
});
