// Renders the extension's icon, images/icon.png (128x128, as the marketplaces want it), from scripts/icon/icon.svg
// with Chromium through playwright-core. Run it after editing the SVG and commit both:
//   node scripts/icon/render.mjs [path/to/chromium]   (default /usr/bin/chromium)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.argv[2] ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(here, '..', '..', 'images', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('images/icon.png written');
