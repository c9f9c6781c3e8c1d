// Public tracking with the Kode Lacak, the owner's tracking page with the code and Lihat
// SKRD, the public Keluhan page with every office's contact, and the catalogue's link to
// Simulasi Tarif — in Chromium at a 390×844 phone and on a desktop, axe clean, with
// screenshots in tests/out/lacak-keluhan-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { launch, axeViolations, screenshot, andWait } from '../lib/browser.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitPbg, moveToStep } from '../lib/tarif.mjs';
import { officer } from '../lib/proses.mjs';

let srv, browser, budi, app, kode;
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

before(async () => {
  srv = await startServer();
  browser = await launch();
  budi = await activeApplicant(srv, { step1: { username: 'budi.br', nama: 'Budi Browser', email: 'budi.br@example.com' },
    step2: { no_identitas: '1971011508900061' } });
  app = await submitPbg(budi);
  kode = (await budi.get(`/pemohon/permohonan/${app.id}/lacak`)).body.match(/<dt>Kode Lacak<\/dt><dd><strong>([^<]+)<\/strong>/)[1];
});
after(async () => { await browser?.close(); await srv?.stop(); });

async function pageAt(size, cookies = []) {
  const ctx = await browser.newContext({ viewport: SIZES[size], deviceScaleFactor: 1, locale: 'id-ID' });
  if (cookies.length) await ctx.addCookies(cookies);
  return ctx.newPage();
}

async function check(page, name) {
  await screenshot(page, `lacak-keluhan-${name}`);
  assert.deepEqual(await axeViolations(page), [], name);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: nothing wider than the screen (${overflow} px)`);
}

for (const size of Object.keys(SIZES)) {
  test(`${size}: public tracking from Home with the number and the Kode Lacak`, async () => {
    const page = await pageAt(size);
    await page.goto(srv.url + '/');
    await page.getByLabel('No. Permohonan').first().fill(app.nomor);
    await page.getByLabel('Kode Lacak').fill(kode.toLowerCase().replace('-', ' '));
    await check(page, `${size}-home`);
    await andWait(page, page.getByRole('button', { name: 'Lacak' }).first());
    assert.equal(new URL(page.url()).search, '', 'the code is not in the address');
    assert.ok(await page.getByRole('heading', { name: 'Tahapan Proses' }).isVisible());
    assert.equal(await page.locator('li[aria-current="step"]').count(), 1);
    assert.ok(!(await page.content()).includes('Budi Browser'), 'no personal data');
    await check(page, `${size}-lacak-hasil`);

    // A wrong code: said beside the form, the number kept.
    await page.getByLabel('Kode Lacak').fill('ABCDE-FGHJK');
    await andWait(page, page.getByRole('button', { name: 'Lacak' }));
    assert.ok(await page.getByText('Nomor permohonan dan Kode Lacak tidak cocok.').isVisible());
    assert.equal(await page.getByLabel('No. Permohonan').inputValue(), app.nomor);
    await check(page, `${size}-lacak-salah`);
    await page.getByLabel('Kode Lacak').fill('12');
    await andWait(page, page.getByRole('button', { name: 'Lacak' }));
    assert.equal(await page.getByLabel('Kode Lacak').getAttribute('aria-invalid'), 'true');
    await check(page, `${size}-lacak-format`);
    await page.context().close();
  });

  test(`${size}: the owner's tracking page shows the Kode Lacak and, once assessed, Lihat SKRD`, async () => {
    if (size === 'phone') {
      // The fee assessed and confirmed by the Bendahara, as the workflow would.
      moveToStep(srv, app.id, 'hitung_retribusi');
      const bdh = await officer(srv, 'bendahara.pangkalpinang');
      const fee = await bdh.get(`/petugas/permohonan/${app.id}/retribusi`);
      const { formFields } = await import('../lib/tarif.mjs');
      const form = formFields(fee.body, { id: 'hitung' });
      assert.equal((await bdh.post(`/petugas/permohonan/${app.id}/retribusi`, { ...form, k_If: '1', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' })).status, 303);
      const csrf = (await bdh.get(`/petugas/permohonan/${app.id}/retribusi`)).body.match(/name="csrf" value="([^"]+)"/)[1];
      assert.equal((await bdh.post(`/petugas/permohonan/${app.id}/retribusi/tetapkan`, { csrf })).status, 303);
    }
    const url = new URL(srv.url);
    const cookies = [...budi.cookies].map(([name, value]) => ({ name, value, domain: url.hostname, path: '/' }));
    const page = await pageAt(size, cookies);
    await page.goto(`${srv.url}/pemohon/permohonan/${app.id}/lacak`);
    assert.equal((await page.locator('.kode-lacak strong').textContent()).trim(), kode);
    const lihat = page.getByRole('link', { name: 'Lihat SKRD' });
    assert.ok(await lihat.isVisible());
    assert.ok(await page.getByText(/SKRD\/.* \(Belum dibayar\)/).isVisible());
    await check(page, `${size}-lacak-pemilik`);
    await andWait(page, lihat);
    assert.match(page.url(), new RegExp(`/pemohon/permohonan/${app.id}/skrd$`));
    await page.context().close();
  });

  test(`${size}: the public Keluhan page shows every office's contact`, async () => {
    const page = await pageAt(size);
    await page.goto(srv.url + '/keluhan');
    assert.ok(await page.getByRole('heading', { name: 'Kontak kantor' }).isVisible());
    assert.ok(await page.getByRole('link', { name: '0717-436772' }).isVisible());
    assert.ok(await page.getByRole('link', { name: '082381942489' }).isVisible());
    await check(page, `${size}-keluhan-publik`);
    await page.context().close();
  });

  test(`${size}: a paid permit type's page links to Simulasi Tarif with the type chosen`, async () => {
    const page = await pageAt(size);
    await page.goto(srv.url + '/katalog/kabupaten-muara-enim/pbg');
    const link = page.getByRole('link', { name: 'Hitung biaya di Simulasi Tarif' });
    assert.ok(await link.isVisible());
    await check(page, `${size}-katalog-pbg`);
    await andWait(page, link);
    assert.match(await page.locator('select#jenis option:checked').textContent(), /Persetujuan Bangunan Gedung/);
    await check(page, `${size}-simulasi-pbg`);
    await page.context().close();
  });
}
