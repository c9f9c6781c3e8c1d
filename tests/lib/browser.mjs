// tests/lib/browser.mjs — Debian's Chromium driven by playwright-core, and axe-core.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const SHOTS = join(ROOT, 'tests', 'out');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A phone-sized page, as most applicants use.
export async function phonePage(browser) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1,
    locale: 'id-ID', javaScriptEnabled: true });
  return ctx.newPage();
}

// Runs axe-core on the current page (evaluated through the debugger protocol, so the
// page's Content-Security-Policy stays as strict as in production) and returns the
// serious and critical violations.
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

// The main menu, opened: on a phone it sits behind the header's Menu button.
export async function mainMenu(page) {
  const toggle = page.locator('details.nav-menu > summary');
  if (await toggle.isVisible() && !(await page.locator('details.nav-menu').evaluate((d) => d.open))) await toggle.click();
  return page.getByRole('navigation', { name: /^(Menu utama|Main menu)$/ });
}

// axe-core for a page whose context runs no JavaScript (axe needs it): the same HTML is
// checked in a JavaScript-enabled page of the same origin, so the stylesheet and the
// page's own script-free state are what axe sees.
export async function axeViolationsNoJs(browser, page, origin) {
  const html = await page.content();
  const ctx = await browser.newContext({ viewport: page.viewportSize() });
  try {
    const checker = await ctx.newPage();
    await checker.route('**/static/*.js', (route) => route.abort());   // the page as it ran: without its script
    await checker.goto(origin + '/healthz');
    await checker.setContent(html, { waitUntil: 'load' });
    return await axeViolations(checker);
  } finally {
    await ctx.close();
  }
}
