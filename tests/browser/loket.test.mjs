// Pelayanan Loket in Chromium (SPEC 5.6): the Front Office registers a walk-in at the
// counter (desktop), prints the handover sheet (its text read back with pdftotext), enters
// an application with scanned requirements and presses Buat; then the applicant, on a
// phone, logs in with the sheet's password, must change it, and sees the application.
// axe-core on every page, at the desktop and at a 390×844 phone viewport.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { JPEG } from '../lib/registrasi.mjs';
import { PDF } from '../lib/permohonan.mjs';
import { launch, phonePage, axeViolations, screenshot, andWait, choose, fillDataTeknis, uploadForRow, nextStep } from '../lib/browser.mjs';

let srv, browser, work;
before(async () => {
  srv = await startServer();
  browser = await launch();
  work = mkdtempSync(join(tmpdir(), 'loket-counter-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

// axe at the page's own viewport and at a phone's, with a screenshot of each.
async function accessible(page, name) {
  await screenshot(page, 'loket-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
  const size = page.viewportSize();
  if (size.width > 500) {
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'loket-' + name + '-phone');
    assert.deepEqual(await axeViolations(page), [], `axe on ${name} (phone)`);
    await page.setViewportSize(size);
  }
}

test('Front Office registers a walk-in, prints the sheet, enters an application; the applicant logs in and sees it', async () => {
  const fo = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
  fo.setDefaultTimeout(10000);
  await fo.goto(srv.url + '/login');
  await fo.getByLabel(/^Pengguna/).fill('fo.pangkalpinang');
  await fo.getByLabel(/^Password/).fill(DEMO_PASSWORD);
  await andWait(fo, fo.getByRole('button', { name: 'Log In' }));
  const menu = fo.getByRole('navigation', { name: 'Menu utama' });
  await andWait(fo, menu.getByRole('link', { name: 'Pelayanan Loket' }));
  await accessible(fo, '1-loket');

  // The registration form: the wizard's fields on one page, the scan uploaded here.
  await andWait(fo, fo.getByRole('link', { name: 'Daftarkan Pemohon Baru' }));
  await fo.locator('#username').fill('sari.walkin');
  await fo.locator('#nama').fill('Sari Wulandari');
  await fo.locator('#email').fill('sari.walkin@example.com');
  await fo.locator('#no_identitas').fill('1971014506920013');
  await fo.locator('#jenis_kelamin').selectOption('P');
  await fo.locator('#pekerjaan').fill('Bidan');
  await fo.locator('#tempat_lahir').fill('Pangkalpinang');
  await fo.locator('#tanggal_lahir').fill('1992-06-05');
  await fo.locator('#lampiran').setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await fo.locator('#telepon').fill('0717 436772');
  await fo.locator('#hp').fill('0812-1111-2222');
  await fo.locator('#alamat').fill('Jl. Mentok No. 9');
  await choose(fo, fo.locator('#provinsi'), '19');
  await fo.locator('#kabupaten option[value="19.71"]').waitFor({ state: 'attached' });
  await choose(fo, fo.locator('#kabupaten'), '19.71');
  await fo.locator('#kecamatan option[value="19.71.01"]').waitFor({ state: 'attached' });
  await choose(fo, fo.locator('#kecamatan'), '19.71.01');
  const desa = fo.locator('#desa option[value^="19.71.01."]').first();
  await desa.waitFor({ state: 'attached' });
  await choose(fo, fo.locator('#desa'), await desa.getAttribute('value'), { pilih: false });
  await fo.locator('#kode_pos').fill('33131');
  await accessible(fo, '2-daftar');
  await andWait(fo, fo.getByRole('button', { name: 'Daftar', exact: true }).last());
  assert.match(fo.url(), /\/petugas\/loket\/pemohon\/\d+\?terdaftar=1$/, 'registered: ' + await fo.locator('.summary-err').textContent().catch(() => ''));
  assert.ok(await fo.getByText('Pemohon terdaftar dan akunnya aktif').isVisible());
  await accessible(fo, '3-pemohon');

  // The handover sheet.
  const [download] = await Promise.all([fo.waitForEvent('download'),
    fo.getByRole('button', { name: 'Cetak Lembar Serah Terima' }).click()]);
  const sheet = join(work, 'serah-terima.pdf');
  await download.saveAs(sheet);
  assert.equal(readFileSync(sheet).subarray(0, 5).toString(), '%PDF-');
  const text = execFileSync('pdftotext', ['-layout', sheet, '-'], { encoding: 'utf8' });
  assert.match(text, /LEMBAR SERAH TERIMA AKUN PEMOHON/);
  assert.match(text, /sari\.walkin/);
  const password = text.match(/Password sementara\s+(\S+)/)[1];

  // An application with scanned requirements.
  await andWait(fo, fo.getByRole('button', { name: 'Tambah Permohonan' }));
  assert.match(fo.url(), /\/petugas\/loket\/permohonan\/\d+$/);
  const draftUrl = fo.url();
  await choose(fo, fo.getByLabel(/^Jenis Permohonan/), { label: 'Baru' });
  const unit = fo.getByLabel(/^Unit/);
  await unit.locator('option', { hasText: 'Dinas Penanaman Modal' }).waitFor({ state: 'attached' });
  await choose(fo, unit, { label: 'Dinas Penanaman Modal, PTSP dan Naker' });
  const izin = fo.getByLabel(/^Jenis Izin/);
  await izin.locator('option', { hasText: 'Bidan' }).first().waitFor({ state: 'attached' });
  await choose(fo, izin, { label: await izin.locator('option', { hasText: 'Bidan' }).first().textContent() });
  await fo.getByLabel('Nama Tempat').fill('Praktik Bidan Sari');
  await fo.getByLabel('Alamat Lokasi').fill('Jl. Mentok No. 9, Kota Pangkalpinang');
  await andWait(fo, fo.getByRole('button', { name: 'Simpan', exact: true }).last());
  assert.equal(await fo.getByLabel('Nama Tempat').inputValue(), 'Praktik Bidan Sari', 'Simpan kept what was typed');
  assert.match(fo.url(), /\/petugas\/loket\/permohonan\/\d+\?langkah=permohonan/, 'the steps stay at the counter');
  await nextStep(fo, 'Pemohon dan Perusahaan');
  assert.ok(await fo.locator('#pemohon').getByText('Sari Wulandari').isVisible(), 'the applicant, not the officer');
  assert.equal(await fo.getByRole('link', { name: 'Hapus draf ini' }).count(), 0, 'Hapus is the applicant\'s own');
  await nextStep(fo, 'Data Teknis');
  await fo.locator('#data-teknis').locator('input, select, textarea').first().waitFor();
  await fillDataTeknis(fo);
  await nextStep(fo, 'Persyaratan');
  const rowIds = await fo.locator('li.syarat').evaluateAll((ls) => ls.map((l) => l.id));
  assert.ok(rowIds.length >= 2, 'the permit type has requirements');
  for (const id of rowIds) await uploadForRow(fo, id, { pdf: PDF, jpeg: JPEG });
  for (const id of rowIds) assert.ok(await fo.locator('#' + id).getByRole('checkbox').isChecked(), `the upload for ${id} ticked Terpenuhi`);
  await accessible(fo, '4-permohonan');
  await nextStep(fo, 'Periksa');
  assert.ok((await fo.locator('#periksa').textContent()).includes('Praktik Bidan Sari'), 'Periksa shows the answers');
  const buat = fo.getByRole('button', { name: 'Buat', exact: true });
  assert.ok(await buat.isEnabled(), 'Buat enabled: ' + await fo.locator('#belum-lengkap').textContent().catch(() => ''));
  await andWait(fo, buat);
  assert.ok(await fo.getByRole('heading', { name: 'Permohonan Izin telah selesai dibuat' }).isVisible());
  const nomor = (await fo.locator('.pm-nomor').textContent()).trim();
  assert.match(nomor, /\d/);
  await accessible(fo, '5-selesai');
  assert.ok(draftUrl);

  // The applicant on a phone: the sheet's password, the forced change, the application.
  const p = await phonePage(browser);
  p.setDefaultTimeout(10000);
  await p.goto(srv.url + '/login');
  await p.getByLabel(/^Pengguna/).fill('sari.walkin');
  await p.getByLabel(/^Password/).fill(password);
  await andWait(p, p.getByRole('button', { name: 'Log In' }));
  assert.match(p.url(), /\/akun\/password$/, 'must change the one-time password first');
  await accessible(p, '6-ganti-password');
  assert.equal(await p.getByLabel(/^Password Lama/).count(), 0, "the forced change does not ask for the one-time password again");
  await p.getByLabel(/^Password Baru/).fill('Bidan-Sari-2026!');
  await p.getByLabel(/^Ulangi Password Baru/).fill('Bidan-Sari-2026!');
  await andWait(p, p.getByRole('button', { name: /Simpan|Ganti/ }));
  await p.goto(srv.url + '/pemohon/profil');
  assert.ok(await p.getByText(nomor).first().isVisible(), 'the applicant sees the application entered at the counter');
  await accessible(p, '7-profil');
});
