// Issued permits in Chromium, on a phone and on a desktop: an application taken to the end
// (until the workflow's end calls izin_issue itself, `loket izin terbit` does) yields a
// permit in *Izin* and *Dokumen*; its PDF, downloaded as the applicant does, is rendered
// (pdftoppm) and its QR decoded (zbarimg) to the verification page, which says valid;
// after the Penandatangan revokes it in *Izin Terbit*, revoked; a permit whose validity
// has passed says expired; Cek Keaslian Izin from Home; the survey.  axe-core on every
// page.  Runs on SQLite and on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitSip, issue, readPdf } from '../lib/izin.mjs';
import { launch, phonePage, axeViolations, screenshot } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ smtp: true, demoPermits: true, env: { LOKET_VERIFY_PER_MINUTE: '100000' } });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function accessible(page, name) {
  await screenshot(page, 'izin-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
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

test('a permit in Izin and Dokumen; its PDF’s QR opens “asli dan berlaku”; revoked; expired; the survey', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'dr.budi', nama: 'dr. Budi Santoso', email: 'dr.budi@example.com' },
    step2: { no_identitas: '1971011508900051' } });
  const permit = issue(srv, await submitSip(budi));
  const page = await phonePage(browser);
  page.setDefaultTimeout(10000);
  await logIn(page, 'dr.budi', budi.password);

  // Profil dan Permohonan → Izin.
  await page.goto(srv.url + '/pemohon/profil');
  const tabs = page.getByRole('navigation', { name: 'Profil dan Permohonan' });
  await andWait(page, tabs.getByRole('link', { name: 'Izin' }));
  const card = page.locator('li.doc', { hasText: permit.nomor });
  assert.ok(await card.getByText('Berlaku', { exact: true }).isVisible());
  assert.ok(await card.getByText(permit.kode).isVisible());
  await accessible(page, '1-tab-izin');

  // The PDF, downloaded by its button; its QR code decodes to the verification page.
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: /Unduh Izin/ }).click()]);
  const pdf = readPdf(readFileSync(await download.path()));
  assert.ok(pdf.text.includes(permit.nomor) && pdf.text.includes('dr. Budi Santoso'));
  assert.equal(pdf.qr, permit.url);

  // Dokumen has it too.
  await andWait(page, tabs.getByRole('link', { name: 'Dokumen' }));
  assert.ok(await page.locator('li.doc', { hasText: permit.nomor }).getByRole('heading', { name: 'Surat Izin Praktik Dokter' }).isVisible());

  // The QR's page: genuine and valid, no personal data.
  await page.goto(pdf.qr);
  assert.ok(await page.getByRole('heading', { name: 'Izin asli dan berlaku' }).isVisible());
  assert.ok(await page.locator('#hasil').getByText('dr. Budi Santoso').isVisible());
  assert.ok(!(await page.content()).includes('1971011508900051'));
  await accessible(page, '2-verifikasi-berlaku');

  // The survey, from the Izin tab.
  await page.goto(srv.url + '/pemohon/izin');
  await andWait(page, page.locator('li.doc', { hasText: permit.nomor }).getByRole('link', { name: /Isi Survei/ }));
  await accessible(page, '3-survei');
  for (let u = 1; u <= 9; u++) await page.locator(`#u${u}-${u % 2 ? 4 : 3}`).check();
  await page.getByLabel('Saran dan masukan').fill('Pelayanan cepat.');
  await andWait(page, page.getByRole('button', { name: 'Kirim Survei' }));
  assert.ok(await page.getByText('Terima kasih, jawaban survei Anda tersimpan.').isVisible());

  // The Penandatangan revokes it in Izin Terbit.
  const officer = await phonePage(browser);
  await logIn(officer, 'kadis.pangkalpinang', DEMO_PASSWORD);
  await officer.goto(srv.url + '/petugas/izin');
  await accessible(officer, '4-petugas-izin');
  await officer.getByLabel(`Alasan pencabutan ${permit.nomor}`).fill('STR dicabut oleh konsil');
  await andWait(officer, officer.getByRole('row', { name: new RegExp(permit.nomor.replace(/\//g, '\\/')) }).getByRole('button', { name: 'Cabut' }));
  assert.ok(await officer.getByText('Izin telah dicabut.').isVisible());
  await page.goto(pdf.qr);
  assert.ok(await page.getByRole('heading', { name: 'Izin telah dicabut' }).isVisible());
  await accessible(page, '5-verifikasi-dicabut');

  // A permit whose validity has passed (issued six years ago: SIP is valid five).
  const old = issue(srv, await submitSip(budi), { at: new Date(Date.now() - 6 * 365 * 86400e3).toISOString().slice(0, 10) });
  await page.goto(old.url);
  assert.ok(await page.getByRole('heading', { name: 'Izin asli, tetapi sudah kedaluwarsa' }).isVisible());
  await accessible(page, '6-verifikasi-kedaluwarsa');

  // Cek Keaslian Izin from Home, and a made-up code, on a desktop.
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })).newPage();
  await desk.goto(srv.url + '/');
  const box = desk.getByRole('region', { name: 'Cek Keaslian Izin' });
  await box.getByLabel('Nomor Izin').fill(old.nomor);
  await box.getByLabel('Kode Verifikasi').fill(old.kode);
  await andWait(desk, box.getByRole('button', { name: 'Periksa' }));
  assert.ok(await desk.getByRole('heading', { name: 'Izin asli, tetapi sudah kedaluwarsa' }).isVisible());
  await accessible(desk, '7-cek-izin-desktop');
  await desk.goto(srv.url + '/v/' + permit.url.split('/v/')[1].slice(0, 60));
  assert.ok(await desk.getByRole('heading', { name: 'Tidak asli' }).isVisible());
  await accessible(desk, '8-tidak-asli-desktop');
});
