import { copyFileSync, mkdirSync } from 'node:fs';
import { expect, test } from './support/fixtures';

/**
 * The trade page as a trader sees it, once the book is verified and candles are drawn. The picture is
 * always written to test-results; `UPDATE_README_SCREENSHOT=1` also refreshes the one the README shows.
 */
test.use({ role: 'trader' });

test('trade page screenshot for the README', async ({ page, tradePage }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await tradePage.open('BTC-USD');
  await expect(page.getByRole('status').first()).toContainText(/live/i);
  await expect(page.getByText('Checksum verified')).toBeVisible();
  await expect(tradePage.chart.locator('canvas').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent trades' }).getByRole('row').nth(5)).toBeVisible();
  const path = testInfo.outputPath('trade-page.png');
  await page.screenshot({ path });
  if (process.env.UPDATE_README_SCREENSHOT === '1') {
    mkdirSync('public/readme', { recursive: true });
    copyFileSync(path, 'public/readme/trade-page.png');
  }
});
