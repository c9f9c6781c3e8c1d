// Registrasi Pemohon in a phone-sized Chromium, as the seeds describe it: Data User →
// Identitas User (with a real photo of the card) → Kontak & Alamat with the searchable
// region cascade → Daftar → "Registrasi Berhasil"; then the same without JavaScript, where
// the cascade works by "Pilih" round trips.  Every step is screenshotted and checked with
// axe-core.  (Approval and the emails that follow belong to other tests.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { launch, phonePage, axeViolations, screenshot } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

// A photo-like JPEG of an identity card, drawn by the browser itself.
async function cardPhoto(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 640; c.height = 400;
    const g = c.getContext('2d');
    g.fillStyle = '#9ec9e8'; g.fillRect(0, 0, 640, 400);
    g.fillStyle = '#123'; g.font = 'bold 36px sans-serif';
    g.fillText('KARTU TANDA PENDUDUK', 60, 70);
    g.font = '28px sans-serif';
    g.fillText('NIK 1971011508900001', 60, 150);
    g.fillText('Nama: BUDI SANTOSO', 60, 200);
    return c.toDataURL('image/jpeg', 0.85);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

// The step list as a screen reader reads it (the capitals are only CSS).
const currentStep = async (page) => (await page.locator('.reg-steps [aria-current="step"]').textContent()).replace(/\s+/g, ' ').trim();

async function fillStep1(page, username, email) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Nama/).fill('Budi Santoso');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Instansi yang dituju').selectOption({ label: 'Pemerintah Kota Pangkalpinang' });
}

async function fillStep2(page, photo) {
  await page.getByLabel('Tipe Identitas').selectOption('KTP');
  await page.getByLabel('No. Identitas').fill('1971011508900001');
  await page.getByLabel('Jenis Kelamin').selectOption({ label: 'Laki-laki' });
  await page.getByLabel('Pekerjaan').fill('Wiraswasta');
  await page.getByLabel('Tempat Lahir').fill('Pangkalpinang');
  await page.getByLabel('Tanggal Lahir').fill('1990-08-15');
  await page.getByLabel('Lampiran Identitas').setInputFiles({ name: 'ktp-budi.jpg', mimeType: 'image/jpeg', buffer: photo });
}

test('the seeds\' registration with JavaScript: counters, searchable cascade, Daftar', async () => {
  const page = await phonePage(browser);
  await page.goto(srv.url + '/');
  await page.getByRole('link', { name: 'Registrasi Pemohon' }).first().click();
  await page.waitForURL(/\/registrasi$/);
  assert.ok(await page.getByText('0% Proses Registrasi').isVisible());
  assert.equal(await currentStep(page), '1 Data User');
  assert.ok(await page.getByText('0 / 30').isVisible(), 'length counter');
  await screenshot(page, 'registrasi-1');
  assert.deepEqual(await axeViolations(page), []);

  // Next with nothing filled: messages beside the fields and a summary linking to them.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForLoadState();
  const summary = page.getByRole('alert');
  assert.ok(await summary.isVisible());
  assert.ok(await summary.getByRole('link', { name: /Username: Username wajib diisi/ }).isVisible());
  assert.equal(await page.getByLabel('Username').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'registrasi-1-error');
  assert.deepEqual(await axeViolations(page), []);

  await fillStep1(page, 'budi.santoso', 'budi@example.com');
  assert.ok(await page.getByText('12 / 30').isVisible(), 'the counter follows typing');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL(/\/registrasi\/2$/);
  assert.equal(await currentStep(page), '2 Identitas User');
  await screenshot(page, 'registrasi-2');
  assert.deepEqual(await axeViolations(page), []);

  // Prev keeps what was typed on both steps.
  await page.getByLabel('Pekerjaan').fill('Wiraswasta');
  await page.getByRole('button', { name: 'Prev' }).click();
  await page.waitForURL(/\/registrasi\/1$/);
  assert.equal(await page.getByLabel('Username').inputValue(), 'budi.santoso');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL(/\/registrasi\/2$/);
  assert.equal(await page.getByLabel('Pekerjaan').inputValue(), 'Wiraswasta');

  await fillStep2(page, await cardPhoto(page));
  // Enter in a text field means Next (not Prev).
  await page.getByLabel('Tempat Lahir').press('Enter');
  await page.waitForURL(/\/registrasi\/3$/);
  assert.equal(await currentStep(page), '3 Kontak & Alamat');

  await page.getByLabel('No. Telepon').fill('0717 436772');
  await page.getByLabel('No. HP').fill('0812 3456 7890');
  await page.getByLabel('Alamat').fill('Jl. Jenderal Sudirman No. 1');
  // The enhanced cascade: "Pilih" buttons give way to instant lists, one control per
  // answer: a list short enough to scroll has no search box beside it.
  assert.equal(await page.getByRole('button', { name: /^Pilih/ }).count(), 0);
  assert.equal(await page.getByLabel('Cari Provinsi').isVisible(), false, 'no search box for 38 provinces');
  assert.equal(await page.locator('form input[type=search]:visible').count(), 0, 'four answers, four controls');
  await page.getByLabel(/^Provinsi/).selectOption('19');
  await page.locator('#kabupaten option[value="19.71"]').waitFor({ state: 'attached' });
  await page.getByLabel(/^Kabupaten/).selectOption('19.71');
  await page.locator('#kecamatan option[value="19.71.01"]').waitFor({ state: 'attached' });
  await page.getByLabel(/^Kecamatan/).selectOption('19.71.01');
  await page.locator('#desa option[value="19.71.01.1007"]').waitFor({ state: 'attached' });
  assert.equal(await page.getByLabel('Cari Desa').isVisible(), false);
  await page.getByLabel(/^Desa/).selectOption({ label: 'Air Itam' });
  await page.getByLabel('Kode Pos').fill('33131');
  // The percentage follows the typing, by the server's rule: everything required is filled.
  assert.ok(await page.getByText('100% Proses Registrasi').isVisible(), 'the same 100 % the server would say');
  await screenshot(page, 'registrasi-3');
  assert.deepEqual(await axeViolations(page), []);

  await page.getByRole('button', { name: 'Daftar' }).click();
  await page.waitForLoadState();
  assert.ok(await page.getByRole('heading', { name: 'Registrasi Berhasil' }).isVisible());
  assert.ok(await page.getByText('100% Proses Registrasi').isVisible());
  assert.equal(await currentStep(page), '4 Registrasi Selesai');
  assert.ok(await page.getByText('budi@example.com').isVisible());
  await screenshot(page, 'registrasi-4');
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});


// The pages carry no script but registrasi.js, so blocking it shows them exactly as with
// JavaScript off, while axe-core (which needs timers) can still run.
test('without JavaScript: every step works, the cascade by "Pilih" round trips', async () => {
  const page = await phonePage(browser);
  const ctx = page.context();
  await page.route('**/static/registrasi.js*', (route) => route.abort());
  await page.goto(srv.url + '/registrasi');
  await fillStep1(page, 'siti.aminah', 'siti@example.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL(/\/registrasi\/2$/);
  const photo = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB' +
    'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AP//Z', 'base64');
  await fillStep2(page, photo);
  await page.getByLabel('No. Identitas').fill('1971015508900002');
  await page.getByLabel('Jenis Kelamin').selectOption({ label: 'Perempuan' });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForURL(/\/registrasi\/3$/);
  await page.getByLabel('No. Telepon').fill('0812 3456 7890');
  await page.getByLabel('No. HP').fill('0812 3456 7890');
  await page.getByLabel('Alamat').fill('Jl. Mawar 2');
  await page.getByLabel(/^Provinsi/).selectOption('19');
  await page.getByRole('button', { name: 'Pilih Provinsi' }).click();
  await page.waitForURL(/\/registrasi\/3#kabupaten$/);
  assert.equal(await page.getByLabel('Alamat').inputValue(), 'Jl. Mawar 2', 'typed values kept');
  await page.getByLabel(/^Kabupaten/).selectOption('19.71');
  await page.getByRole('button', { name: 'Pilih Kabupaten' }).click();
  await page.waitForURL(/#kecamatan$/);
  await page.getByLabel(/^Kecamatan/).selectOption('19.71.02');
  await page.getByRole('button', { name: 'Pilih Kecamatan' }).click();
  await page.waitForURL(/#desa$/);
  await page.getByLabel(/^Desa/).selectOption({ index: 1 });
  await page.getByLabel('Kode Pos').fill('33132');
  await screenshot(page, 'registrasi-3-tanpa-js');
  assert.deepEqual(await axeViolations(page), []);
  await page.getByRole('button', { name: 'Daftar' }).click();
  await page.waitForLoadState();
  assert.ok(await page.getByRole('heading', { name: 'Registrasi Berhasil' }).isVisible());
  await ctx.close();
});
