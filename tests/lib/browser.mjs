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

// Clicks something that submits a form or follows a link and waits for the next page.
export async function andWait(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}

// Chooses an option of a select; where the page offers "Pilih" (no JavaScript needed) and
// the choice changes what comes next, presses it.
export async function choose(page, select, option, { pilih = true } = {}) {
  await select.selectOption(option);
  if (!pilih) return;
  const button = select.locator('xpath=following-sibling::button[@value="pilih" or @value="wilayah"]');
  if (await button.count() && await button.isVisible()) await andWait(page, button);
  else await page.locator('#isi:not([aria-busy])').waitFor();   // the in-place refresh is done
}

// Fills every Data Teknis field of an application's draft page with a plausible value.
export async function fillDataTeknis(page) {
  for (const field of await page.locator('#data-teknis').locator('input, select, textarea').all()) {
    const tag = await field.evaluate((e) => e.tagName);
    const type = await field.getAttribute('type');
    if (tag === 'SELECT') {
      const values = (await field.locator('option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
      await field.selectOption(values[0]);
    } else if (type === 'number') await field.fill('1');
    else if (type === 'date') await field.fill('2026-01-15');
    else await field.fill('Isian ' + ((await field.getAttribute('name')) || 'data teknis'));
  }
}

// Uploads `pdf` (or `jpeg` where a row takes only images) for the requirement row #id of
// Tambah's Persyaratan step and waits until the row has it as its document: with
// JavaScript choosing the file uploads it; without, the row's Unggah sends the step.
export async function uploadForRow(page, id, { pdf, jpeg }) {
  const row = page.locator('#' + id);
  const accept = (await row.locator('input[type=file]').getAttribute('accept')) || '';
  await row.locator('input[type=file]').setInputFiles(/pdf/.test(accept)
    ? { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: pdf } : { name: `${id}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
  const unggah = row.locator('button[data-unggah]');
  if (await unggah.isVisible()) await andWait(page, unggah);
  else await row.locator('.pm-status').filter({ hasText: /Terunggah/ }).waitFor();
  if (!await page.locator('#' + id).locator('select').inputValue()) throw new Error(`the upload for ${id} is not the row's document`);
}

// Presses Berikutnya on a step of Tambah (it saves the step) and checks that step `name`
// is shown.
export async function nextStep(page, name) {
  await andWait(page, page.locator('#berikutnya'));
  if (!await page.locator('.pm-of').filter({ hasText: name }).isVisible()) throw new Error(`not on step ${name}`);
}

// The main menu, opened: on a phone it sits behind the header's Menu button.
export async function mainMenu(page) {
  const toggle = page.locator('details.nav-menu > summary');
  if (await toggle.isVisible() && !(await page.locator('details.nav-menu').evaluate((d) => d.open))) await toggle.click();
  return page.getByRole('navigation', { name: /^(Menu utama|Main menu)$/ });
}

// Opens a submenu of the main menu (Layanan Pemohon, Administrasi) and returns its list.
export async function subMenu(page, label) {
  const menu = await mainMenu(page);
  const group = menu.locator('.sub details', { has: page.locator('summary', { hasText: label }) });
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  return group;
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

// Logs in on the Log In page of the server at base (issue 14's browser test; others keep
// their own copies).
export async function logIn(page, base, username, password) {
  await page.goto(base + '/login');
  await page.getByLabel(/^Pengguna/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await andWait(page, page.getByRole('button', { name: 'Log In' }));
}
