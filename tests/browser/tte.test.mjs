// The signer's step in Chromium (issue 14), on a phone and on a desktop, with axe-core on
// every page: the Penandatangan of the full demo (who has the demo certificate, passphrase
// demo-tte-2026) sees their certificate on Sertifikat TTE, uploads their signature image
// (an SVG is refused on the page, a PNG is shown), opens an application at tanda
// tangan, a wrong passphrase is refused on the page, the right one signs and forwards;
// the applicant downloads the permit from Izin and pdfsig says its signature is valid,
// by the signer; the same PDF uploaded on Cek Keaslian Izin is “Dokumen asli”.  Runs on
// SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitSip } from '../lib/proses.mjs';
import { DEMO_TTE_PASSPHRASE } from '../lib/izin.mjs';
import { toTandaTangan, pdfsig, png } from '../lib/tte.mjs';
import { launch, phonePage, axeViolations, screenshot, andWait, SHOTS, logIn as logInAt } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ smtp: true, demoPermits: true, env: { LOKET_VERIFY_PER_MINUTE: '100000' } });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function accessible(page, name) {
  await screenshot(page, 'tte-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}
const logIn = (page, username, password) => logInAt(page, srv.url, username, password);

test('passphrase at tanda tangan, signed, the applicant’s PDF has a valid signature; Cek Keaslian Izin says asli', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'dr.tte', nama: 'dr. Tia Tandatangan', email: 'dr.tte@example.com' },
    step2: { no_identitas: '1971011508900061' } });
  const app = await submitSip(budi);
  await toTandaTangan(srv, app.id);
  const nama = 'Kepala Dinas DPMPTSP & NAKER Kota Pangkalpinang';

  const page = await phonePage(browser);
  page.setDefaultTimeout(30000);   // unlocking the sealed certificate is a deliberate Argon2id step
  await logIn(page, 'kadis.pangkalpinang', DEMO_PASSWORD);
  await page.goto(srv.url + '/petugas/sertifikat');
  assert.ok(await page.getByText('Loket DEMO CA (TIDAK SAH)').isVisible(), 'the demo certificate, marked');
  await accessible(page, '1-sertifikat');
  // The signature image: an SVG refused with a message, a PNG shown.
  await page.getByLabel('Berkas gambar').setInputFiles({ name: 'ttd.svg', mimeType: 'image/svg+xml',
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await andWait(page, page.getByRole('button', { name: 'Unggah Gambar' }));
  assert.match(await page.getByRole('alert').first().innerText(), /harus berkas PNG/);
  await accessible(page, '1a-gambar-ditolak');
  await page.getByLabel('Berkas gambar').setInputFiles({ name: 'ttd.png', mimeType: 'image/png', buffer: png(400, 150) });
  await andWait(page, page.getByRole('button', { name: 'Unggah Gambar' }));
  assert.ok(await page.getByRole('img', { name: 'Gambar tanda tangan Anda' }).isVisible());
  assert.ok(await page.getByRole('button', { name: 'Hapus Gambar' }).isVisible());
  await accessible(page, '1b-gambar');

  await page.goto(`${srv.url}/petugas/permohonan/${app.id}`);
  const sign = page.getByRole('button', { name: 'Tandatangani dan Teruskan' });
  assert.ok(await sign.isVisible());
  await page.getByLabel('Passphrase sertifikat').fill('bukan-passphrase');
  await andWait(page, sign);
  assert.match(await page.getByRole('alert').first().innerText(), /Passphrase sertifikat salah/);
  assert.equal(await page.getByLabel('Passphrase sertifikat').inputValue(), '', 'the passphrase is not kept in the page');
  await accessible(page, '2-tanda-tangan-salah');
  await page.locator('section.decide').screenshot({ path: `${SHOTS}/tte-2-tindakan.png` });
  await page.getByLabel('Passphrase sertifikat').fill(DEMO_TTE_PASSPHRASE);
  await andWait(page, page.getByRole('button', { name: 'Tandatangani dan Teruskan' }));
  if (!/inbox/.test(page.url())) assert.fail(`not signed: ${await page.getByRole('alert').first().innerText()}\n${srv.log().split('\n').filter((l) => /error|warn/.test(l)).join('\n')}`);
  assert.match(page.url(), /\/petugas\/inbox\?pesan=diteruskan/);
  assert.equal(srv.sql(`SELECT tte_mode FROM izin WHERE permohonan_id = ${app.id}`), 'lokal');

  // The desktop view of a signer's step (another application at tanda tangan).
  const app2 = await submitSip(budi);
  await toTandaTangan(srv, app2.id);
  const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await logIn(desk, 'kadis.pangkalpinang', DEMO_PASSWORD);
  await desk.goto(`${srv.url}/petugas/permohonan/${app2.id}`);
  assert.ok(await desk.getByLabel('Passphrase sertifikat').isVisible());
  await accessible(desk, '3-tanda-tangan-desktop');
  await desk.locator('section.decide').screenshot({ path: `${SHOTS}/tte-3-tindakan-desktop.png` });
  await desk.goto(srv.url + '/petugas/sertifikat');
  await accessible(desk, '3a-sertifikat-desktop');

  // The applicant downloads the permit; pdfsig says valid, by the signer.
  const pb = await phonePage(browser);
  pb.setDefaultTimeout(15000);
  await logIn(pb, 'dr.tte', budi.password);
  await pb.goto(srv.url + '/pemohon/izin');
  const nomor = srv.sql(`SELECT nomor FROM izin WHERE permohonan_id = ${app.id}`);
  const card = pb.locator('li.doc', { hasText: nomor });
  const [download] = await Promise.all([pb.waitForEvent('download'), card.getByRole('link', { name: /Unduh Izin/ }).click()]);
  const bytes = readFileSync(await download.path());
  const sig = pdfsig(bytes);
  assert.ok(sig.valid, sig.text);
  assert.equal(sig.signer, nama);
  assert.ok(sig.whole);

  // Cek Keaslian Izin: the downloaded PDF uploaded by a visitor.
  const visitor = await phonePage(browser);
  await visitor.goto(srv.url + '/cek-izin');
  await visitor.getByLabel('Berkas PDF izin').setInputFiles({ name: 'izin.pdf', mimeType: 'application/pdf', buffer: bytes });
  await andWait(visitor, visitor.getByRole('button', { name: 'Periksa Berkas' }));
  assert.equal(await visitor.locator('#hasil-pdf').getAttribute('data-pdf'), 'asli');
  assert.ok(await visitor.getByText(nama).first().isVisible());
  await accessible(visitor, '4-cek-pdf');
});
