// The seeds' second half in a phone-sized Chromium, as a new applicant does it: Log In,
// Layanan Pemohon → Profil dan Permohonan, a company in tab Perusahaan and a document in tab
// Dokumen first, then Tambah: every field, Perusahaan, every requirement uploaded or picked
// from Dokumen and ticked Terpenuhi, Buat → "Permohonan Izin telah selesai dibuat" with the
// number; the bukti pendaftaran downloaded and its QR code decoded (pdftoppm + zbarimg),
// the tracking page, and public tracking from the QR's address.  axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { activeApplicant, JPEG } from '../lib/registrasi.mjs';
import { launch, phonePage, axeViolations, screenshot } from '../lib/browser.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n');
const APPLICANT = {
  step1: { username: 'dr.rahmat', nama: 'Rahmat Hidayat', email: 'rahmat@example.com' },
  step2: { no_identitas: '1971011508900021' },
  step3: { hp: '0812-7777-4321', alamat: 'Jl. Sudirman No. 21' },
};

let srv, browser, work;
before(async () => {
  srv = await startServer();
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), 'loket-permohonan-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function accessible(page, name) {
  await screenshot(page, 'permohonan-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

// Clicks something that submits a form or follows a link and waits for the next page.
async function andWait(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}

// Chooses an option of a select; where the page offers "Pilih" (no JavaScript needed) and
// the choice changes what comes next, presses it.
async function choose(page, select, option, { pilih = true } = {}) {
  await select.selectOption(option);
  if (!pilih) return;
  const button = select.locator('xpath=following-sibling::button[@value="pilih" or @value="wilayah"]');
  if (await button.count() && await button.isVisible()) await andWait(page, button);
}

test('Tambah a permit application for a company, Buat, the receipt\'s QR code, tracking', async () => {
  await activeApplicant(srv, APPLICANT);
  const page = await phonePage(browser);
  page.setDefaultTimeout(10000);

  // Log In, Home → Layanan Pemohon → Profil dan Permohonan.
  await page.goto(srv.url + '/login');
  await page.getByLabel(/^Pengguna/).fill('dr.rahmat');
  await page.getByLabel(/^Password/).fill('Pemohon-Aktif-2026');
  await andWait(page, page.getByRole('button', { name: 'Log In' }));
  const menu = page.getByRole('navigation', { name: 'Menu utama' });
  await menu.getByText('Layanan Pemohon', { exact: true }).click();
  await andWait(page, menu.getByRole('link', { name: 'Profil dan Permohonan' }));
  assert.ok(await page.getByText('Belum ada permohonan.').isVisible());
  await accessible(page, '1-profil-kosong');

  // Tab Perusahaan: add the company first.
  const tabs = page.getByRole('navigation', { name: 'Profil dan Permohonan' });
  await andWait(page, tabs.getByRole('link', { name: 'Perusahaan' }));
  await accessible(page, '2-perusahaan');
  await andWait(page, page.getByRole('link', { name: /^Tambah/ }));
  await page.getByLabel(/^Nama Perusahaan/).fill('PT Klinik Sehat Bersama');
  await page.getByLabel(/^Bentuk Usaha/).selectOption('PT');
  await page.getByLabel(/^NIB/).fill('9120001234567');
  await page.getByLabel(/^Alamat/).fill('Jl. Merdeka No. 5');
  await choose(page, page.getByRole('combobox', { name: /^Provinsi/ }), '19');
  const kab = page.getByRole('combobox', { name: /^Kabupaten/ });
  await kab.locator('option[value="19.71"]').waitFor({ state: 'attached' });
  await choose(page, kab, '19.71');
  const kec = page.getByRole('combobox', { name: /^Kecamatan/ });
  await kec.locator('option[value="19.71.01"]').waitFor({ state: 'attached' });
  await choose(page, kec, '19.71.01');
  const desa = page.getByRole('combobox', { name: /^Desa/ });
  await desa.locator('option[value^="19.71.01."]').first().waitFor({ state: 'attached' });
  await choose(page, desa, await desa.locator('option[value^="19.71.01."]').first().getAttribute('value'), { pilih: false });
  await page.getByLabel(/^Telepon/).fill('0717 421234');
  await accessible(page, '3-perusahaan-baru');
  await andWait(page, page.getByRole('button', { name: 'Simpan', exact: true }).last());
  assert.ok(await page.getByRole('heading', { name: /PT Klinik Sehat Bersama/ }).isVisible());

  // Tab Dokumen: a document the applicant already has.
  await andWait(page, tabs.getByRole('link', { name: 'Dokumen' }));
  await page.getByLabel(/^Jenis Dokumen/).fill('Ijazah Dokter');
  await page.getByLabel(/^Nomor/).fill('IJZ-2015-0042');
  await page.getByLabel(/^Berkas/).setInputFiles({ name: 'ijazah.pdf', mimeType: 'application/pdf', buffer: PDF });
  await accessible(page, '4-dokumen');
  await andWait(page, page.getByRole('button', { name: 'Unggah' }));
  assert.ok(await page.getByRole('heading', { name: 'Ijazah Dokter' }).isVisible());

  // Tab Permohonan → Tambah.
  await andWait(page, tabs.getByRole('link', { name: 'Permohonan' }));
  await andWait(page, page.getByRole('link', { name: 'Tambah', exact: true }));
  assert.match(page.url(), /\/pemohon\/permohonan\/\d+$/);
  const draftUrl = page.url();
  await accessible(page, '5-tambah');
  await choose(page, page.getByLabel(/^Jenis Permohonan/), { label: 'Baru' });
  await choose(page, page.getByLabel(/^Instansi/), { label: 'Pemerintah Kota Pangkalpinang' });
  const unit = page.getByLabel(/^Unit/);
  await unit.locator('option', { hasText: 'Dinas Penanaman Modal' }).waitFor({ state: 'attached' });
  await choose(page, unit, { label: 'Dinas Penanaman Modal, PTSP dan Naker' });
  const izin = page.getByLabel(/^Jenis Izin/);
  await izin.locator('option', { hasText: 'Surat Izin Praktik Dokter' }).waitFor({ state: 'attached' });
  await choose(page, izin, { label: 'Surat Izin Praktik Dokter' });
  assert.equal(await page.getByLabel('No. Permohonan').inputValue(), 'Terisi otomatis saat Buat');
  await page.getByRole('radio', { name: 'Perusahaan' }).check();
  const pilihTipe = page.getByRole('button', { name: /Pilih Tipe Pemohon/ });
  if (await pilihTipe.isVisible()) await andWait(page, pilihTipe);
  await page.getByLabel('Nama Tempat').fill('Klinik Sehat Bersama');
  await page.getByLabel('Alamat Lokasi').fill('Jl. Merdeka No. 5, Kota Pangkalpinang');
  await page.getByRole('combobox', { name: /^Perusahaan/ }).selectOption({ label: 'PT Klinik Sehat Bersama' });

  // Data Teknis: every field.
  const teknis = page.locator('#data-teknis');
  for (const field of await teknis.locator('input, select, textarea').all()) {
    const tag = await field.evaluate((e) => e.tagName);
    const type = await field.getAttribute('type');
    if (tag === 'SELECT') {
      const values = (await field.locator('option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
      await field.selectOption(values[0]);
    } else if (type === 'number') await field.fill('1');
    else if (type === 'date') await field.fill('2026-01-15');
    else await field.fill('Isian ' + ((await field.getAttribute('name')) || 'data teknis'));
  }
  await andWait(page, page.getByRole('button', { name: 'Simpan', exact: true }).last());
  assert.ok(page.url().startsWith(draftUrl), 'Simpan keeps the draft page');

  // Persyaratan: the first PDF row takes the document from Dokumen; every other row gets
  // its own upload; then every row is ticked Terpenuhi.
  const rowIds = await page.locator('li.syarat').evaluateAll((ls) => ls.map((l) => l.id));
  assert.ok(rowIds.length >= 2, 'SIP Dokter has requirements');
  let picked = null;
  for (const id of rowIds) {
    const row = page.locator('#' + id);
    const accept = (await row.locator('input[type=file]').getAttribute('accept')) || '';
    if (!picked && /pdf/.test(accept)) { picked = id; continue; }
    const file = /pdf/.test(accept) ? { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: PDF }
      : { name: `${id}.jpg`, mimeType: 'image/jpeg', buffer: JPEG };
    await row.locator('input[type=file]').setInputFiles(file);
    const upload = row.locator('button[type=submit]', { hasText: 'Unggah' });
    // Without JavaScript the upload reloads the page; with it, the row says so in place.
    const loaded = page.waitForEvent('load').then(() => 'load', () => null);
    const said = row.locator('.pm-status').filter({ hasText: /\S/ }).waitFor().then(() => 'status', () => null);
    await upload.click();
    assert.ok(await Promise.race([loaded, said]), `the upload for ${id} finished`);
    await page.waitForLoadState();
    const chosen = await page.locator('#' + id).locator('select').inputValue();
    assert.ok(chosen, `the upload for ${id} is the row's document`);
  }
  assert.ok(picked, 'a PDF requirement to fill from Dokumen');
  const fromDokumen = page.locator('#' + picked).locator('select');
  await fromDokumen.selectOption(await fromDokumen.locator('option', { hasText: 'Ijazah Dokter' }).getAttribute('value'));
  for (const id of rowIds) await page.locator('#' + id).getByRole('checkbox').check();
  await accessible(page, '6-persyaratan');
  const buatButton = page.getByRole('button', { name: 'Buat', exact: true });
  if (await buatButton.isDisabled()) {
    // Without live enabling the server says what is complete after Simpan.
    await andWait(page, page.getByRole('button', { name: 'Simpan', exact: true }).last());
  }
  assert.ok(await buatButton.isEnabled(), 'Buat is enabled once everything is complete: ' +
    (await page.locator('#belum-lengkap').textContent().catch(() => '')));
  await andWait(page, buatButton);

  // "Permohonan Izin telah selesai dibuat" with the number.
  assert.ok(await page.getByRole('heading', { name: 'Permohonan Izin telah selesai dibuat' }).isVisible());
  const nomor = (await page.locator('.pm-nomor').textContent()).trim();
  assert.match(nomor, /\d/, 'a number was assigned');
  await accessible(page, '7-selesai');

  // The receipt, downloaded, and its QR code read back.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh bukti pendaftaran' }).click()]);
  const pdfPath = join(work, 'bukti.pdf');
  await download.saveAs(pdfPath);
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdfPath, join(work, 'bukti')]);
  const png = execFileSync('sh', ['-c', `ls ${work}/bukti*.png`], { encoding: 'utf8' }).trim().split('\n')[0];
  const qr = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
  assert.equal(qr, `${srv.url}/lacak?nomor=${encodeURIComponent(nomor)}`);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(nomor), 'the number is printed on the receipt');

  // The tracking page: the first step is current, with its due date.
  await andWait(page, page.getByRole('link', { name: 'Lacak permohonan' }));
  assert.ok(await page.getByRole('heading', { name: 'Lacak Permohonan' }).isVisible());
  const current = page.locator('li[aria-current="step"]');
  assert.equal(await current.count(), 1);
  assert.match(await current.textContent(), /Sedang diproses[\s\S]*Batas waktu: /);
  assert.match(await page.locator('table.list').textContent(), /Permohonan diajukan/);
  await accessible(page, '8-lacak');

  // Tab Permohonan lists it with Lacak and Bukti.
  await page.goto(srv.url + '/pemohon/profil');
  const row = page.getByRole('row', { name: new RegExp(nomor.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) });
  assert.ok(await row.getByText('Diajukan').isVisible());
  assert.ok(await row.getByRole('link', { name: /^Lacak/ }).isVisible());
  assert.ok(await row.getByRole('link', { name: /^Bukti/ }).isVisible());
  assert.ok(await row.getByText('PT Klinik Sehat Bersama').isVisible());
  await accessible(page, '9-profil');

  // The QR code's address, opened by anyone: the number is filled in; the last 4 digits of
  // the No. HP show the steps, without personal data.
  const anon = await phonePage(browser);
  await anon.goto(qr);
  assert.equal(await anon.getByLabel('No. Permohonan').inputValue(), nomor);
  await accessible(anon, '10-lacak-publik');
  await anon.getByLabel('4 digit terakhir No. HP').fill('4321');
  await andWait(anon, anon.getByRole('button', { name: 'Lacak' }));
  assert.equal(await anon.locator('li[aria-current="step"]').count(), 1);
  const html = await anon.content();
  for (const secret of ['Rahmat Hidayat', 'dr.rahmat', '1971011508900021', '7777', 'Jl. Sudirman', 'PT Klinik Sehat Bersama', 'Klinik Sehat Bersama'])
    assert.ok(!html.includes(secret), `public tracking shows no ${secret}`);
  await accessible(anon, '11-lacak-publik-hasil');
  await anon.close();
  await page.close();
});
