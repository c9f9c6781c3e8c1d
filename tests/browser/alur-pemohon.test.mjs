// The seeds' first half end to end, as a new applicant and an officer would do it in
// Chromium, with a real SMTP server on loopback: Home → Registrasi Pemohon (three steps
// with a real identity photo) → "Registrasi Berhasil"; the Front Office officer logs in
// and approves; the verification mail's link → *Verifikasi*; the credentials mail → Log
// In → the password must be changed → Home with the *Layanan Pemohon* menu.
// axe-core checks every page on the way.  Runs on SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { launch, phonePage, axeViolations, screenshot, mainMenu } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ smtp: true });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function accessible(page, name) {
  await screenshot(page, 'alur-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

// A photo of an identity card, drawn and JPEG-encoded by the browser.
async function cardPhoto(page) {
  const url = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 600; c.height = 380;
    const g = c.getContext('2d');
    g.fillStyle = '#a8cfe6'; g.fillRect(0, 0, 600, 380);
    g.fillStyle = '#102030'; g.font = 'bold 30px sans-serif';
    g.fillText('KARTU TANDA PENDUDUK', 40, 60);
    g.font = '24px sans-serif';
    g.fillText('NIK 1971016203950007', 40, 140);
    g.fillText('Nama: NUR HASANAH', 40, 185);
    return c.toDataURL('image/jpeg', 0.9);
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

test('register, get approved, verify, receive credentials, log in and change the password', async () => {
  const page = await phonePage(browser);

  // 1. Home → Registrasi Pemohon.
  await page.goto(srv.url + '/');
  await accessible(page, 'home');
  await page.getByRole('link', { name: 'Registrasi Pemohon' }).first().click();

  // 2. Data User.
  await page.getByLabel('Username').fill('nur.hasanah');
  await page.getByLabel(/^Nama/).fill('Nur Hasanah');
  await page.getByLabel('Email').fill('nur.hasanah@example.com');
  await page.getByLabel('Instansi yang dituju').selectOption({ label: 'Pemerintah Kota Pangkalpinang' });
  await accessible(page, '1-data-user');
  await page.getByRole('button', { name: 'Next' }).click();

  // 3. Identitas User, with a real photo of the card (a woman: day of birth + 40).
  await page.waitForURL(/\/registrasi\/2$/);
  await page.getByLabel('Tipe Identitas').selectOption('KTP');
  await page.getByLabel('No. Identitas').fill('1971016203950007');
  await page.getByLabel('Jenis Kelamin').selectOption({ label: 'Perempuan' });
  await page.getByLabel('Pekerjaan').fill('Bidan');
  await page.getByLabel('Tempat Lahir').fill('Pangkalpinang');
  await page.getByLabel('Tanggal Lahir').fill('1995-03-22');
  await page.getByLabel('Lampiran Identitas').setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: await cardPhoto(page) });
  await accessible(page, '2-identitas-user');
  await page.getByRole('button', { name: 'Next' }).click();

  // 4. Kontak & Alamat: the cascade with its pickers, then Daftar.
  await page.waitForURL(/\/registrasi\/3$/);
  await page.getByLabel('No. Telepon').fill('0717 436772');
  await page.getByLabel('No. HP').fill('0812 3456 7890');
  await page.getByLabel(/^Alamat/).fill('Jl. Masjid Jamik No. 12');
  await page.getByRole('combobox', { name: /^Provinsi/ }).selectOption('19');
  const kabupaten = page.getByRole('combobox', { name: /^Kabupaten/ });
  await kabupaten.locator('option[value="19.71"]').waitFor({ state: 'attached' });
  await kabupaten.selectOption('19.71');
  const kecamatan = page.getByRole('combobox', { name: /^Kecamatan/ });
  await kecamatan.locator('option[value="19.71.01"]').waitFor({ state: 'attached' });
  await kecamatan.selectOption('19.71.01');
  const desa = page.getByRole('combobox', { name: /^Desa/ });
  await desa.locator('option[value^="19.71.01."]').first().waitFor({ state: 'attached' });
  const firstDesa = await desa.locator('option[value^="19.71.01."]').first().getAttribute('value');
  await desa.selectOption(firstDesa);
  await page.getByLabel('Kode Pos').fill('33131');
  await accessible(page, '3-kontak-alamat');
  await page.getByRole('button', { name: 'Daftar' }).click();
  await page.getByText('Registrasi Berhasil').waitFor();
  await accessible(page, '4-registrasi-selesai');
  const received = await srv.waitForMail((m) => m.to.includes('nur.hasanah@example.com'));
  assert.match(received.body, /Terima kasih telah melakukan pendaftaran/);

  // 5. The Front Office officer approves, from the Registrasi Pemohon queue.
  const officer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await officer.goto(srv.url + '/login');
  await officer.getByLabel('Pengguna').fill('fo.pangkalpinang');
  await officer.getByLabel('Password').fill(DEMO_PASSWORD);
  await officer.getByRole('button', { name: 'Log In' }).click();
  await (await mainMenu(officer)).getByRole('link', { name: 'Registrasi Pemohon' }).click();
  await accessible(officer, 'petugas-antrian');
  await officer.getByRole('link', { name: /Periksa Nur Hasanah/ }).click();
  assert.ok(await officer.getByRole('img', { name: /Lampiran identitas Nur Hasanah/ }).isVisible());
  assert.ok(await officer.evaluate(() => document.querySelector('img.scan').naturalWidth === 600), 'the scan is shown inline');
  await accessible(officer, 'petugas-pemohon');
  await officer.getByRole('button', { name: 'Setujui' }).click();
  await officer.getByText('Registrasi disetujui').waitFor();

  // 6. The verification mail: "Hi <nama>, klik link berikut ini ..." → Verifikasi.
  const verify = await srv.waitForMail((m) => m.to.includes('nur.hasanah@example.com') && /verifikasi pendaftaran/.test(m.body));
  assert.match(verify.body, /Hi Nur Hasanah, klik link berikut ini untuk verifikasi pendaftaran anda/);
  const link = verify.body.match(/https?:\/\/\S+\/verifikasi\?token=\S+/)[0];
  await page.goto(link);
  await accessible(page, 'verifikasi');
  await page.getByRole('button', { name: 'Verifikasi' }).click();
  await page.getByText('Akun Anda sudah diverifikasi').waitFor();

  // 7. The credentials mail → Log In → change the one-time password → Home.
  const creds = await srv.waitForMail((m) => m.to.includes('nur.hasanah@example.com') && /informasi user anda/.test(m.body));
  const username = creds.body.match(/Username\s*:\s*(\S+)/)[1];
  const password = creds.body.match(/Password\s*:\s*(\S+)/)[1];
  await page.getByRole('link', { name: 'Log In' }).first().click();
  await accessible(page, 'login');
  await page.getByLabel('Pengguna').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await page.waitForURL(/\/akun\/password$/);
  await accessible(page, 'ganti-password');
  assert.equal(await page.getByLabel('Password Lama').count(), 0, 'the one-time password is not asked for again');
  await page.getByLabel(/^Password Baru/).fill('Nur-Hasanah-2026');
  await page.getByLabel('Ulangi Password Baru').fill('Nur-Hasanah-2026');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.waitForURL((u) => u.pathname === '/');

  // 8. Home with the Layanan Pemohon menu: Profil dan Permohonan, Keluhan, Simulasi Tarif.
  assert.ok(await page.getByRole('heading', { name: 'Selamat datang, Nur Hasanah' }).isVisible());
  assert.equal(await page.locator('.menu .sub details').evaluate((d) => d.open), false, 'the submenu is closed until opened');
  const menu = await mainMenu(page);
  await menu.getByText('Layanan Pemohon', { exact: true }).click();
  for (const item of ['Profil dan Permohonan', 'Keluhan', 'Simulasi Tarif'])
    assert.ok(await menu.getByRole('link', { name: item }).isVisible(), item);
  await accessible(page, 'home-pemohon');
  await menu.getByRole('link', { name: 'Profil dan Permohonan' }).click();
  assert.ok(await page.getByText('1971016203950007').isVisible());
  await accessible(page, 'profil');
  await (await mainMenu(page)).getByRole('button', { name: 'Log Out' }).click();
  await page.getByText('Anda telah keluar').waitFor();
});
