// The back office end to end in Chromium (issue 7 "Tests"), with a real SMTP server: one
// SIP Dokter application from Buat through every step of its demo workflow, each step by
// the demo officer of its role on a desktop screen — Front Office, Verifikator (who returns
// it once for perbaikan), the applicant on a phone replacing the file and pressing Kirim
// Perbaikan, Verifikator again, Tim Teknis (tinjau lapangan with a date and a report, then
// the rekomendasi), Verifikator's Setujui at penetapan, Kepala Dinas, Penyerahan — with
// the applicant's tracking page and mails following each step, axe-core on every page,
// and the audit chain verified at the end.  Runs on SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { PDF } from '../lib/permohonan.mjs';
import { submitSip } from '../lib/proses.mjs';
import { launch, phonePage, axeViolations, screenshot } from '../lib/browser.mjs';

let srv, browser, budi;
const PASSWORD = 'Pemohon-Aktif-2026';
before(async () => {
  srv = await startServer({ smtp: true });
  // Tanda tangan signs the permit with the office's key (the test offices start without).
  const k = loket(['keys', 'create', '--instansi', 'kota-pangkalpinang'], srv.env);
  assert.equal(k.status, 0, k.stderr);
  browser = await launch();
  budi = await activeApplicant(srv, { step1: { username: 'budi.alur', nama: 'Budi Alur', email: 'budi.alur@example.com' },
    step2: { no_identitas: '1971011508900041' }, password: PASSWORD });
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function accessible(page, name) {
  await screenshot(page, 'proses-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

async function logIn(page, username, password = DEMO_PASSWORD) {
  await page.goto(srv.url + '/login');
  await page.getByLabel(/^Pengguna/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await page.waitForURL(srv.url + '/');
  return page;
}

async function desktop(username) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  return logIn(await ctx.newPage(), username);
}

const mails = (nomor) => srv.waitForMail((m) => m.to.includes('budi.alur@example.com') && m.subject.includes(nomor), 15000);
async function waitMail(nomor, re) {
  return srv.waitForMail((m) => m.to.includes('budi.alur@example.com') && m.subject.includes(nomor) && re.test(m.subject + '\n' + m.body));
}

// The applicant's tracking page on the phone: the current step is `name` (or none).
async function tracking(phone, id, current, name) {
  await phone.goto(`${srv.url}/pemohon/permohonan/${id}/lacak`);
  if (current) await assert.doesNotReject(phone.locator('li.step-current .track-name', { hasText: current }).waitFor({ timeout: 3000 }));
  if (name) await accessible(phone, name);
}

async function openFromInbox(page, nomor) {
  await page.getByRole('link', { name: 'Kotak Masuk' }).first().click();
  await page.getByRole('link', { name: nomor }).click();
  await page.waitForURL(/\/petugas\/permohonan\/\d+$/);
}

async function forward(page, button = 'Teruskan') {
  await page.getByRole('button', { name: button, exact: true }).click();
  try {
    await page.waitForURL(/\/petugas\/inbox\?pesan=/, { timeout: 60000 });
  } catch (e) {   // say what the page says instead of only "timeout"
    throw new Error(`${button} did not lead to the inbox: ${page.url()}: ` + (await page.locator('main').innerText()).slice(0, 500));
  }
  assert.match(await page.locator('.notice').innerText(), /diteruskan|disetujui|selesai/);
}

async function checkAllSesuai(page) {
  await page.getByRole('radio', { name: 'Sesuai', exact: true }).first().waitFor();
  for (const radio of await page.getByRole('radio', { name: 'Sesuai', exact: true }).all()) await radio.check();
  await page.getByRole('button', { name: 'Simpan Pemeriksaan' }).click();
  try {
    await page.locator('.notice', { hasText: 'Hasil pemeriksaan persyaratan disimpan' }).waitFor({ timeout: 60000 });
  } catch (e) {   // say what the page says instead of only "timeout"
    throw new Error(`the check was not saved: ${page.url()}: ` + (await page.locator('main').innerText()).slice(0, 500));
  }
}

test('one application through every step of its workflow, a different officer per role, one perbaikan round', async () => {
  const app = await submitSip(budi);
  const phone = await logIn(await phonePage(browser), 'budi.alur', PASSWORD);
  await tracking(phone, app.id, 'Pemeriksaan kelengkapan berkas', '0-lacak-diajukan');
  await mails(app.nomor);

  // Front Office: the home counts, the inbox, Ambil, the check, Teruskan.
  const fo = await desktop('fo.pangkalpinang');
  await accessible(fo, '1-fo-home');
  assert.match(await fo.locator('.counts').innerText(), /1\s+permohonan di kotak masuk/);
  await fo.getByRole('link', { name: 'Kotak Masuk' }).first().click();
  await accessible(fo, '1-fo-inbox');
  assert.match(await fo.locator('tbody').innerText(), /Tepat waktu/);
  await fo.getByRole('link', { name: app.nomor }).click();
  await fo.getByRole('button', { name: 'Ambil' }).click();
  await fo.locator('.notice', { hasText: 'Permohonan ini sekarang Anda kerjakan' }).waitFor();
  // Each file opens inline on demand (Lihat berkas): nothing is fetched before that, so
  // the audit trail's views are the files the officer opened.
  const views = () => Number(srv.sql(`SELECT count(*) FROM audit_log WHERE action = 'dokumen.lihat'`));
  const viewsBefore = views();
  assert.equal(await fo.locator('iframe.scan-pdf').count() > 0, true, 'PDFs previewed inline');
  assert.equal(await fo.locator('iframe.scan-pdf').first().isVisible(), false, 'closed until opened');
  await fo.getByText(/^Lihat berkas/).first().click();
  await fo.locator('iframe.scan-pdf').first().waitFor();
  for (let i = 0; i < 50 && views() === viewsBefore; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(views(), viewsBefore + 1, 'opening one file fetches that file only');
  await accessible(fo, '1-fo-permohonan');
  // The same pages on an officer's phone.
  const foPhone = await logIn(await phonePage(browser), 'fo.pangkalpinang');
  await foPhone.goto(srv.url + '/petugas/inbox');
  await accessible(foPhone, '1-fo-inbox-phone');
  await foPhone.goto(`${srv.url}/petugas/permohonan/${app.id}`);
  await accessible(foPhone, '1-fo-permohonan-phone');
  await foPhone.context().close();
  await checkAllSesuai(fo);
  await forward(fo);
  await waitMail(app.nomor, /Pemeriksaan kelengkapan berkas selesai/);
  await tracking(phone, app.id, 'Verifikasi persyaratan');

  // Verifikator: returns it with a note on the KTP.
  const ver = await desktop('verifikator.pangkalpinang');
  await openFromInbox(ver, app.nomor);
  await ver.getByText('Kembalikan ke pemohon', { exact: true }).first().click();
  const firstNote = ver.locator('textarea[id^="catatan_"]').first();
  await firstNote.fill('Scan KTP buram, mohon unggah ulang.');
  await accessible(ver, '2-verifikator-kembalikan');
  await ver.getByRole('button', { name: 'Kembalikan ke pemohon' }).click();
  await ver.waitForURL(/pesan=dikembalikan/);
  const m = await waitMail(app.nomor, /perlu perbaikan/);
  assert.match(m.body, /Scan KTP buram, mohon unggah ulang\./);

  // The applicant on the phone: Perlu perbaikan, the note, a replacement, Kirim Perbaikan.
  await phone.goto(srv.url + '/pemohon/profil');
  assert.match(await phone.locator('main').innerText(), /Perlu perbaikan/);
  await accessible(phone, '3-pemohon-daftar');
  await phone.getByRole('link', { name: /^Perbaiki/ }).first().click();
  await phone.locator('.need-fix').first().waitFor();
  assert.match(await phone.locator('.need-fix').first().innerText(), /Scan KTP buram/);
  await accessible(phone, '3-pemohon-perbaikan');
  await phone.locator('.need-fix input[type=file]').first().setInputFiles({ name: 'ktp-jelas.pdf', mimeType: 'application/pdf', buffer: PDF });
  await phone.locator('.need-fix').first().getByRole('button', { name: 'Unggah Pengganti' }).click();
  await phone.locator('.notice', { hasText: 'Dokumen baru tersimpan' }).waitFor();
  assert.match(await phone.locator('main').innerText(), /Sudah diganti/);
  await phone.getByRole('button', { name: 'Kirim Perbaikan' }).click();
  await phone.locator('.notice', { hasText: 'Perbaikan terkirim' }).waitFor();
  await accessible(phone, '3-pemohon-lacak-diperbaiki');
  assert.match(await phone.locator('main').innerText(), /Perbaikan diajukan kembali/);

  // Verifikator again: check, forward.
  await openFromInbox(ver, app.nomor);
  await checkAllSesuai(ver);
  await forward(ver);
  await tracking(phone, app.id, 'Tinjau lapangan');

  // Tim Teknis: tinjau lapangan with its date and report, then the rekomendasi.
  const tek = await desktop('teknis.pangkalpinang');
  await openFromInbox(tek, app.nomor);
  await tek.getByLabel('Jadwal tinjau lapangan').fill('2026-12-10');
  await tek.getByLabel(/Laporan tinjau lapangan/).setInputFiles({ name: 'laporan.pdf', mimeType: 'application/pdf', buffer: PDF });
  await accessible(tek, '4-teknis-tinjau');
  await tek.getByRole('button', { name: 'Simpan Tinjau Lapangan' }).click();
  await tek.locator('.notice', { hasText: 'Jadwal dan laporan tinjau lapangan disimpan' }).waitFor();
  await forward(tek);
  await waitMail(app.nomor, /Tinjau lapangan selesai/);
  await openFromInbox(tek, app.nomor);
  await tek.getByLabel('Isi rekomendasi').fill('Lokasi praktik memenuhi syarat; direkomendasikan untuk diterbitkan.');
  await tek.getByRole('button', { name: 'Simpan Rekomendasi' }).click();
  await tek.locator('.notice', { hasText: 'Rekomendasi disimpan' }).waitFor();
  await forward(tek);
  await tracking(phone, app.id, 'Penetapan');

  // Penetapan: Setujui; then tanda tangan and penyerahan.
  await openFromInbox(ver, app.nomor);
  assert.equal(await ver.getByRole('button', { name: 'Teruskan', exact: true }).count(), 0, 'no Teruskan at penetapan');
  await accessible(ver, '5-penetapan');
  await forward(ver, 'Setujui');
  await waitMail(app.nomor, /disetujui/);
  const kadis = await desktop('kadis.pangkalpinang');
  await openFromInbox(kadis, app.nomor);
  await forward(kadis);
  await tracking(phone, app.id, 'Penyerahan izin');
  const serah = await desktop('penyerahan.pangkalpinang');
  await openFromInbox(serah, app.nomor);
  await forward(serah);
  await waitMail(app.nomor, /selesai diproses/);

  await tracking(phone, app.id, null, '6-lacak-selesai');
  assert.equal(await phone.locator('li.step-done').count(), 7, 'every step done');
  assert.match(await phone.locator('main').innerText(), /Selesai/);

  // The permit tanda tangan issued: in the applicant's tab Izin, and genuine at /v/<code>.
  const izinNomor = srv.sql(`SELECT nomor FROM izin WHERE permohonan_id = ${app.id}`);
  await phone.goto(srv.url + '/pemohon/izin');
  assert.ok(await phone.locator('li.doc', { hasText: izinNomor }).getByText('Berlaku', { exact: true }).isVisible(), 'in tab Izin');
  const terbit = await srv.waitForMail((m) => m.to.includes('budi.alur@example.com') && /telah terbit/.test(m.subject));
  await phone.goto(terbit.body.match(/https?:\/\/\S+\/v\/\S+/)[0]);
  assert.match(await phone.locator('main').innerText(), /Izin asli dan berlaku/);
  const all = srv.sql(`SELECT count(*) FROM outbox WHERE to_addr = 'budi.alur@example.com' AND subject LIKE '%${app.nomor}%'`);
  assert.ok(Number(all) >= 9, `a mail per step (${all})`);
  const v = loket(['audit', 'verify'], srv.env);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});
