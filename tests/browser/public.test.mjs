// A visitor on a phone: Home → search the catalogue → a permit type's requirements →
// download a blank form; the language switch; accessibility of every page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { launch, phonePage, axeViolations, screenshot } from '../lib/browser.mjs';

let srv, browser, page;
before(async () => {
  srv = await startServer();
  browser = await launch();
  page = await phonePage(browser);
});
after(async () => { await browser?.close(); await srv?.stop(); });

test('Home shows the portal, Log In, Registrasi Pemohon and the offices', async () => {
  await page.goto(srv.url + '/');
  assert.equal(await page.title(), 'Home — Loket');
  assert.ok(await page.getByRole('link', { name: 'Log In' }).first().isVisible());
  assert.ok(await page.getByRole('link', { name: 'Registrasi Pemohon' }).first().isVisible());
  assert.ok(await page.getByRole('link', { name: 'Pemerintah Kota Pangkalpinang' }).isVisible());
  await screenshot(page, 'home');
  assert.deepEqual(await axeViolations(page), []);
});

test('searching the catalogue from Home finds the permit and opens its requirements', async () => {
  await page.goto(srv.url + '/');
  await page.getByLabel('Nama izin atau layanan').fill('bidan');
  await page.getByRole('button', { name: 'Cari' }).click();
  await page.waitForURL(/\/katalog\?q=bidan/);
  assert.ok(await page.getByText(/jenis izin cocok/).isVisible());
  await screenshot(page, 'katalog-cari');
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('link', { name: /Surat Izin Praktik Bidan/ }).first().click();
  await page.waitForURL(/\/katalog\/[a-z-]+\/sipb$/);
  assert.ok(await page.getByRole('heading', { level: 1, name: /Surat Izin Praktik Bidan/ }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Persyaratan' }).isVisible());
  assert.ok(await page.getByText(/hari kerja/).first().isVisible());
  await screenshot(page, 'izin-sipb');
  assert.deepEqual(await axeViolations(page), []);
});

test('the full catalogue and a paid permit type pass accessibility checks', async () => {
  await page.goto(srv.url + '/katalog');
  assert.ok(await page.getByRole('heading', { level: 1, name: 'Katalog Layanan' }).isVisible());
  await screenshot(page, 'katalog');
  assert.deepEqual(await axeViolations(page), []);
  await page.goto(srv.url + '/katalog/kabupaten-muara-enim/pbg');
  assert.ok(await page.getByText(/Retribusi/).first().isVisible());
  await screenshot(page, 'izin-pbg');
  assert.deepEqual(await axeViolations(page), []);
});

test('a blank form downloads as a PDF', async () => {
  await page.goto(srv.url + '/katalog/kota-pangkalpinang/sip-dokter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Unduh formulir/ }).first().click(),
  ]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
});

test('the language switch shows the catalogue in English and back', async () => {
  await page.goto(srv.url + '/katalog');
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForURL(/\/katalog$/);
  assert.ok(await page.getByRole('heading', { level: 1, name: 'Service catalogue' }).isVisible());
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
  assert.ok(await page.getByRole('heading', { level: 1, name: 'Katalog Layanan' }).isVisible());
});

test('pages work without JavaScript', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(srv.url + '/');
  await p.getByLabel('Nama izin atau layanan').fill('reklame');
  await p.getByRole('button', { name: 'Cari' }).click();
  assert.ok(await p.getByRole('link', { name: /Izin Reklame/ }).first().isVisible());
  await ctx.close();
});

test('an unknown page shows a readable 404', async () => {
  const r = await page.goto(srv.url + '/tidak-ada');
  assert.equal(r.status(), 404);
  assert.ok(await page.getByRole('heading', { name: 'Halaman tidak ditemukan' }).isVisible());
  assert.deepEqual(await axeViolations(page), []);
});
