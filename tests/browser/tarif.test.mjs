// Issue 13 in a phone-sized Chromium, with axe-core on every page:
//  1. Simulasi Tarif for the building permit: without a log-in, the total follows the typing
//     (JavaScript) and equals the total computed by hand here; with JavaScript off, Hitung
//     gives the same page.
//  2. A PBG application goes through Hitung retribusi and Konfirmasi pembayaran on the fee
//     pages themselves (the workflow runtime's Teruskan is the back office's: the step is set
//     in the database between the two, see tests/lib/tarif.mjs moveToStep); the applicant
//     sees the SKRD and uploads a proof of payment.
//  3. A complaint goes from filing to the officer's answer to reopening.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { PDF } from '../lib/permohonan.mjs';
import { submitPbg, moveToStep, jenisId } from '../lib/tarif.mjs';
import { launch, phonePage, axeViolations, screenshot, mainMenu } from '../lib/browser.mjs';

let srv, browser, work;
before(async () => {
  srv = await startServer({ smtp: true });
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), 'loket-tarif-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function accessible(page, name) {
  await screenshot(page, 'tarif-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}
// Nothing wider than the phone's screen.
async function fitsWidth(page, name) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 390, `${name}: ${w} px wide`);
}
async function andWait(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}
async function logIn(page, username, password) {
  await page.goto(srv.url + '/login');
  await page.getByLabel(/^Pengguna/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await andWait(page, page.getByRole('button', { name: 'Log In' }));
}
const rupiah = (n) => 'Rp ' + Math.round(n).toLocaleString('id-ID');

test('Simulasi Tarif for the building permit gives the total computed by hand, live and without JavaScript', async () => {
  const page = await phonePage(browser);
  page.setDefaultTimeout(10000);
  await page.goto(srv.url + '/');
  await andWait(page, (await mainMenu(page)).getByRole('link', { name: 'Simulasi Tarif' }));
  await accessible(page, '1-simulasi-pilih');
  await page.getByLabel('Jenis Izin', { exact: true }).selectOption({ label: 'Persetujuan Bangunan Gedung (PBG)' });
  // Both offices offer PBG; the first in the list is Muara Enim's, with the same demo tarif.
  await andWait(page, page.getByRole('button', { name: 'Pilih' }));
  await page.getByLabel('Nilai (m²)').fill('120');
  await page.locator('#k_If').selectOption({ label: 'Usaha (0,7)' });
  await page.locator('#k_Ik').selectOption({ label: 'Tidak sederhana (0,7)' });
  await page.locator('#k_Ip').selectOption({ label: 'Permanen (0,7)' });
  await page.locator('#k_Ih').selectOption({ label: 'Sedang (5–8 lantai) (0,7)' });
  await page.locator('#k_Fm').selectOption({ label: 'Perorangan atau badan usaha (1)' });
  // By hand: It = 0,7 × (0,3 × 0,7 + 0,2 × 0,7 + 0,5 × 0,7) × 1 = 0,49; 120 × 0,49 × 1,00 × 1.500.000.
  const byHand = 120 * (0.7 * (0.3 * 0.7 + 0.2 * 0.7 + 0.5 * 0.7) * 1) * 1.00 * 1500000;
  assert.equal(Math.round(byHand), 88200000);
  await page.waitForFunction((want) => document.getElementById('total')?.textContent === want, rupiah(byHand));
  assert.ok(await page.getByText('Total Retribusi yang harus dibayar').isVisible());
  // Typing changes the total without pressing anything.
  await page.getByLabel('Nilai (m²)').fill('100,5');
  await page.waitForFunction((want) => document.getElementById('total')?.textContent === want, rupiah(100.5 * 0.49 * 1500000));
  await page.getByLabel('Nilai (m²)').fill('seratus');
  await page.waitForSelector('#err-L');
  assert.match(await page.locator('#err-L').textContent(), /Masukkan angka/);
  await page.getByLabel('Nilai (m²)').fill('120');
  await page.waitForFunction((want) => document.getElementById('total')?.textContent === want, rupiah(byHand));
  await accessible(page, '2-simulasi-hasil');
  await page.context().close();

  // Without JavaScript: Hitung asks the server for the same result.
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: 'id-ID' });
  const plain = await ctx.newPage();
  const pbg = jenisId(srv, 'kota-pangkalpinang', 'pbg');
  await plain.goto(`${srv.url}/simulasi-tarif?jenis=${pbg}`);
  await plain.getByLabel('Nilai (m²)').fill('120');
  for (const [id, label] of [['k_If', 'Usaha (0,7)'], ['k_Ik', 'Tidak sederhana (0,7)'], ['k_Ip', 'Permanen (0,7)'],
    ['k_Ih', 'Sedang (5–8 lantai) (0,7)'], ['k_Fm', 'Perorangan atau badan usaha (1)']])
    await plain.locator('#' + id).selectOption({ label });
  await andWait(plain, plain.getByRole('button', { name: 'Hitung' }));
  assert.equal(await plain.locator('#total').textContent(), rupiah(byHand));
  await ctx.close();
  // Desktop width too.
  const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await wide.goto(`${srv.url}/simulasi-tarif?jenis=${pbg}&j_L=120&k_If=3&k_Ik=2&k_Ip=1&k_Ih=2&k_Fm=1`);
  assert.equal(await wide.locator('#total').textContent(), rupiah(byHand));
  await accessible(wide, '3-simulasi-desktop');
  await wide.close();
});

test('a paid application goes through Hitung retribusi and Konfirmasi pembayaran; the applicant sees the SKRD', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'budi.skrd', nama: 'Budi Bayar', email: 'budi.skrd@example.com' },
    step2: { no_identitas: '1971011508900051' } });
  const app = await submitPbg(budi);
  moveToStep(srv, app.id, 'hitung_retribusi');

  const officer = await phonePage(browser);
  officer.setDefaultTimeout(10000);
  await logIn(officer, 'bendahara.pangkalpinang', DEMO_PASSWORD);
  await officer.goto(`${srv.url}/petugas/permohonan/${app.id}/retribusi`);
  assert.ok(await officer.getByRole('heading', { name: 'Hitung Retribusi' }).isVisible());
  assert.equal(await officer.getByLabel('Nilai (m²)').inputValue(), '100', 'L from the data teknis');
  await accessible(officer, '4-hitung');
  for (const id of ['k_If', 'k_Ik', 'k_Ip', 'k_Ih', 'k_Fm']) await officer.locator('#' + id).selectOption('1');
  await andWait(officer, officer.getByRole('button', { name: 'Hitung', exact: true }));
  assert.equal(await officer.locator('#skrd-total').textContent(), 'Rp 10.350.000');
  await accessible(officer, '5-draf');
  await andWait(officer, officer.getByRole('button', { name: 'Tetapkan SKRD' }));
  assert.ok(await officer.getByText('SKRD ditetapkan dan dikirim ke pemohon.').isVisible());
  const kode = (await officer.locator('#kode-bayar').textContent()).trim();
  assert.match(kode, /^\d{16}$/);

  // The applicant: the mail's link, the SKRD, a proof of payment.
  const mail = await srv.waitForMail((m) => m.to.includes('budi.skrd@example.com') && /SKRD/.test(m.subject));
  const link = mail.body.match(/(http:\/\/\S+\/skrd)/)[1];
  const applicant = await phonePage(browser);
  applicant.setDefaultTimeout(10000);
  await logIn(applicant, 'budi.skrd', 'Pemohon-Aktif-2026');
  await applicant.goto(link);
  assert.equal((await applicant.locator('#kode-bayar').textContent()).trim(), kode);
  assert.equal(await applicant.locator('#skrd-total').textContent(), 'Rp 10.350.000');
  assert.equal(await applicant.locator('#skrd-status').textContent(), 'Menunggu pembayaran');
  await accessible(applicant, '6-skrd-pemohon');
  const proof = join(work, 'bukti-transfer.pdf');
  writeFileSync(proof, PDF);
  await applicant.getByLabel('Bukti Bayar', { exact: true }).setInputFiles(proof);
  await andWait(applicant, applicant.getByRole('button', { name: 'Unggah' }));
  assert.ok(await applicant.getByText('Bukti bayar terkirim.').isVisible());

  // Konfirmasi pembayaran.
  moveToStep(srv, app.id, 'konfirmasi_pembayaran');
  await officer.goto(`${srv.url}/petugas/permohonan/${app.id}/retribusi`);
  assert.ok(await officer.getByRole('heading', { name: 'Konfirmasi Pembayaran' }).isVisible());
  assert.ok(await officer.getByRole('link', { name: 'Lihat bukti bayar dari pemohon' }).isVisible());
  assert.equal(await officer.getByLabel('Jumlah dibayar (Rp)').inputValue(), '10350000');
  await fitsWidth(officer, 'konfirmasi');
  assert.equal(await officer.locator('#skrd-lunas').count(), 0, 'not shown as paid before the payment');
  await officer.getByLabel('No. Referensi Pembayaran').fill('BPD-BABEL-778812');
  await accessible(officer, '7-konfirmasi');
  await andWait(officer, officer.getByRole('button', { name: 'Catat Pembayaran' }));
  assert.ok(await officer.getByText('Pembayaran dicatat. Tahap ini dapat diteruskan.').isVisible());
  await applicant.reload();
  assert.equal(await applicant.locator('#skrd-status').textContent(), 'Lunas');
  await fitsWidth(applicant, 'skrd lunas');
  await accessible(applicant, '8-lunas');
  await officer.context().close();
  await applicant.context().close();
});

test('a complaint goes from filing to the answer to reopening', async () => {
  await activeApplicant(srv, { step1: { username: 'sari.keluh', nama: 'Sari Mengeluh', email: 'sari.keluh@example.com' },
    step2: { no_identitas: '1971015508900052', jenis_kelamin: 'P' } });
  const page = await phonePage(browser);
  page.setDefaultTimeout(10000);
  await logIn(page, 'sari.keluh', 'Pemohon-Aktif-2026');
  const menu = await mainMenu(page);   // behind the Menu button on a phone
  await menu.getByText('Layanan Pemohon', { exact: true }).click();
  await andWait(page, menu.getByRole('link', { name: 'Keluhan' }));
  await accessible(page, '9-keluhan-form');
  await page.getByLabel(/^Kategori/).selectOption({ label: 'Pelayanan petugas' });
  await page.getByLabel(/^Isi Keluhan/).fill('Petugas loket tidak menjelaskan persyaratan dengan jelas.');
  await andWait(page, page.getByRole('button', { name: 'Kirim', exact: true }));
  assert.ok(await page.getByText('Keluhan terkirim.').isVisible());
  assert.equal(await page.locator('#keluhan-status').textContent(), 'Baru');
  const url = page.url().split('?')[0];
  const id = url.split('/').pop();

  const officer = await phonePage(browser);
  officer.setDefaultTimeout(10000);
  await logIn(officer, 'fo.pangkalpinang', DEMO_PASSWORD);
  await andWait(officer, (await mainMenu(officer)).getByRole('link', { name: 'Keluhan' }));
  await accessible(officer, '10-antrian');
  await andWait(officer, officer.getByRole('link', { name: new RegExp(`KEL-0*${id}`) }));
  await officer.getByLabel('Jawaban').fill('Mohon maaf. Daftar persyaratan lengkap ada di Katalog Layanan; petugas sudah kami ingatkan.');
  await officer.getByLabel('Selesai').check();
  await accessible(officer, '11-jawab');
  await andWait(officer, officer.getByRole('button', { name: 'Kirim Jawaban' }));
  assert.ok(await officer.getByText('Jawaban terkirim ke pelapor.').isVisible());

  const mail = await srv.waitForMail((m) => m.to.includes('sari.keluh@example.com') && /Selesai/.test(m.subject));
  assert.match(mail.body, /Daftar persyaratan lengkap ada di Katalog Layanan/);
  await page.goto(url);
  assert.equal(await page.locator('#keluhan-status').textContent(), 'Selesai');
  assert.ok(await page.getByText('Daftar persyaratan lengkap ada di Katalog Layanan', { exact: false }).isVisible());
  await page.getByLabel('Alasan membuka kembali').fill('Saya masih belum menerima penjelasan tentang surat pernyataan.');
  await andWait(page, page.getByRole('button', { name: 'Buka Kembali' }));
  assert.ok(await page.getByText('Keluhan dibuka kembali.').isVisible());
  assert.equal(await page.locator('#keluhan-status').textContent(), 'Diproses');
  await accessible(page, '12-dibuka-kembali');
  await page.context().close();
  await officer.context().close();
});
