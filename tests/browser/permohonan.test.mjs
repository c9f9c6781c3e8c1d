// The seeds' second half on a 390×844 phone in Chromium, as a new applicant does it — once
// with JavaScript and once without: Log In, Menu → Layanan Pemohon → Profil dan Permohonan
// (the header one row, the submenu closed until opened), a company in tab Perusahaan and a
// document in tab Dokumen first, then Tambah in its five steps: every field typed, every
// requirement uploaded (one action each) or picked from Dokumen, nothing lost on the way,
// Periksa with every answer, Buat → "Permohonan Izin telah selesai dibuat" with the number
// and the office's WhatsApp; the bukti pendaftaran downloaded and its QR code decoded
// (pdftoppm + zbarimg), tracking and the list as cards (status and actions visible without
// scrolling sideways), and public tracking from the QR's address.  axe-core on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { activeApplicant, JPEG } from '../lib/registrasi.mjs';
import { launch, phonePage, axeViolations, axeViolationsNoJs, screenshot, mainMenu } from '../lib/browser.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n');
const APPLICANTS = {
  js: {
    step1: { username: 'dr.rahmat', nama: 'Rahmat Hidayat', email: 'rahmat@example.com' },
    step2: { no_identitas: '1971011508900021' },
    step3: { hp: '0812-7777-4321', alamat: 'Jl. Sudirman No. 21' },
  },
  nojs: {
    step1: { username: 'dr.sinta', nama: 'Sinta Maharani', email: 'sinta@example.com' },
    step2: { no_identitas: '1971011508900022' },
    step3: { hp: '0812-6666-1234', alamat: 'Jl. Sudirman No. 22' },
  },
};
const LOKASI = { nama: 'Klinik Sehat Bersama', alamat: 'Jl. Merdeka No. 5, Kota Pangkalpinang' };

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

async function accessible(page, name, js = true) {
  await screenshot(page, 'permohonan-' + name);
  assert.deepEqual(js ? await axeViolations(page) : await axeViolationsNoJs(browser, page, srv.url), [], `axe on ${name}`);
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
  else await page.locator('#isi:not([aria-busy])').waitFor();   // the in-place refresh is done
}

// Presses Berikutnya (it saves the step) and checks that the next step is shown.
async function next(page, name) {
  await andWait(page, page.locator('#berikutnya'));
  assert.ok(await page.locator('.pm-of').filter({ hasText: name }).isVisible(), `on step ${name}`);
}

// Nothing is cut off at the right edge of a 390 px screen: the page does not scroll
// sideways and `locator` lies inside the viewport.
async function fitsPhone(page, locator, what) {
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${what}: no sideways scrolling`);
  const box = await locator.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${what} is within the screen: ${JSON.stringify(box)}`);
}

for (const js of [true, false]) test(`Tambah in steps on a phone ${js ? 'with' : 'without'} JavaScript, Buat, the receipt's QR code, tracking`, async () => {
  const who = APPLICANTS[js ? 'js' : 'nojs'];
  await activeApplicant(srv, who);
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'id-ID', javaScriptEnabled: js });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10000);
  const shot = (name) => accessible(page, `${js ? 'js' : 'nojs'}-${name}`, js);

  // Log In, Home → Layanan Pemohon → Profil dan Permohonan.
  await page.goto(srv.url + '/login');
  await page.getByLabel(/^Pengguna/).fill(who.step1.username);
  await page.getByLabel(/^Password/).fill('Pemohon-Aktif-2026');
  await andWait(page, page.getByRole('button', { name: 'Log In' }));
  const header = await page.locator('header.top').boundingBox();
  assert.ok(header.height <= 72, `the header is one row on a phone: ${header.height} px`);
  const menu = await mainMenu(page);
  assert.equal(await menu.locator('.sub details').evaluate((d) => d.open), false, 'Layanan Pemohon is closed until opened');
  await menu.getByText('Layanan Pemohon', { exact: true }).click();
  await andWait(page, menu.getByRole('link', { name: 'Profil dan Permohonan' }));
  assert.ok(await page.getByText('Belum ada permohonan.').isVisible());
  await shot('1-profil-kosong');

  // Tab Perusahaan: add the company first.
  const tabs = page.getByRole('navigation', { name: 'Profil dan Permohonan' });
  await andWait(page, tabs.getByRole('link', { name: 'Perusahaan' }));
  await shot('2-perusahaan');
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
  await shot('3-perusahaan-baru');
  await andWait(page, page.getByRole('button', { name: 'Simpan', exact: true }).last());
  assert.ok(await page.getByRole('heading', { name: /PT Klinik Sehat Bersama/ }).isVisible());

  // Tab Dokumen: a document the applicant already has.
  await andWait(page, tabs.getByRole('link', { name: 'Dokumen' }));
  await page.getByLabel(/^Jenis Dokumen/).fill('Ijazah Dokter');
  await page.getByLabel(/^Nomor/).fill('IJZ-2015-0042');
  await page.getByLabel(/^Berkas/).setInputFiles({ name: 'ijazah.pdf', mimeType: 'application/pdf', buffer: PDF });
  await shot('4-dokumen');
  await andWait(page, page.getByRole('button', { name: 'Unggah' }));
  assert.ok(await page.getByRole('heading', { name: 'Ijazah Dokter' }).isVisible());

  // Tab Permohonan → Tambah: opening it stores nothing.
  await andWait(page, tabs.getByRole('link', { name: 'Permohonan' }));
  const drafts = () => Number(srv.sql(`SELECT count(*) FROM permohonan p JOIN account a ON a.id = p.account_id WHERE a.username = '${who.step1.username}'`));
  const before = drafts();
  await andWait(page, page.getByRole('link', { name: 'Tambah', exact: true }));
  assert.equal(drafts(), before, 'opening Tambah creates no row');
  assert.ok(await page.getByText('Langkah 1 dari 5').isVisible());
  await shot('5-tambah');

  // Step 1, Permohonan: the cascade (in place with JavaScript, with Pilih without).
  await choose(page, page.getByLabel(/^Jenis Permohonan/), { label: 'Baru' });
  await choose(page, page.getByLabel(/^Instansi/), { label: 'Pemerintah Kota Pangkalpinang' });
  const unit = page.getByLabel(/^Unit/);
  await unit.locator('option', { hasText: 'Dinas Penanaman Modal' }).waitFor({ state: 'attached' });
  await choose(page, unit, { label: 'Dinas Penanaman Modal, PTSP dan Naker' });
  const izin = page.getByLabel(/^Jenis Izin/);
  await izin.locator('option', { hasText: 'Surat Izin Praktik Dokter' }).waitFor({ state: 'attached' });
  await choose(page, izin, { label: 'Surat Izin Praktik Dokter' });
  assert.match(page.url(), /\/pemohon\/permohonan\/\d+\?langkah=permohonan/, 'the first save created the draft');
  const draftPath = new URL(page.url()).pathname;
  assert.equal(await page.getByLabel('No. Permohonan').inputValue(), 'Terisi otomatis saat Buat');
  await page.getByRole('radio', { name: 'Perusahaan' }).check();
  await page.getByLabel('Nama Tempat').fill(LOKASI.nama);
  await page.getByLabel('Alamat Lokasi').fill(LOKASI.alamat);
  await next(page, 'Pemohon dan Perusahaan');

  // Step 2, Pemohon dan Perusahaan.
  assert.ok(await page.locator('#pemohon').getByText(who.step1.nama).isVisible(), 'Pemohon from the profile');
  await page.getByRole('combobox', { name: /^Perusahaan/ }).selectOption({ label: 'PT Klinik Sehat Bersama' });
  await shot('5b-pemohon');
  await next(page, 'Data Teknis');

  // Step 3, Data Teknis: every field.
  const typed = {};
  const teknis = page.locator('#data-teknis');
  for (const field of await teknis.locator('input, select, textarea').all()) {
    const tag = await field.evaluate((e) => e.tagName);
    const type = await field.getAttribute('type');
    const name = await field.getAttribute('name');
    if (tag === 'SELECT') {
      const values = (await field.locator('option').evaluateAll((os) => os.map((o) => o.value))).filter(Boolean);
      await field.selectOption(values[0]);
      typed[name] = values[0];
    } else if (type === 'date') { await field.fill('2026-01-15'); typed[name] = '2026-01-15'; }
    else { await field.fill('Isian ' + name); typed[name] = 'Isian ' + name; }
  }
  assert.ok(Object.keys(typed).length >= 5, 'SIP Dokter asks for Data Teknis');
  await shot('5c-data-teknis');
  await next(page, 'Persyaratan');

  // Step 4, Persyaratan: the first PDF row takes the document from Dokumen first; every
  // other row gets its own file — with JavaScript choosing the file is the whole action,
  // without it one Unggah that keeps the rest.  Every row ends ticked Terpenuhi by itself.
  const rowIds = await page.locator('li.syarat').evaluateAll((ls) => ls.map((l) => l.id));
  assert.ok(rowIds.length >= 2, 'SIP Dokter has requirements');
  let picked = null;
  for (const id of rowIds) {
    const accept = (await page.locator('#' + id).locator('input[type=file]').getAttribute('accept')) || '';
    if (/pdf/.test(accept)) { picked = id; break; }
  }
  assert.ok(picked, 'a PDF requirement to fill from Dokumen');
  const fromDokumen = page.locator('#' + picked).locator('select');
  const ijazah = await fromDokumen.locator('option', { hasText: 'Ijazah Dokter' }).getAttribute('value');
  await fromDokumen.selectOption(ijazah);
  if (js) assert.ok(await page.locator('#' + picked).getByRole('checkbox').isChecked(), 'a pick ticks Terpenuhi');
  await shot('6-persyaratan');
  for (const id of rowIds) {
    if (id === picked) continue;
    const row = page.locator('#' + id);
    const accept = (await row.locator('input[type=file]').getAttribute('accept')) || '';
    const file = /pdf/.test(accept) ? { name: `${id}.pdf`, mimeType: 'application/pdf', buffer: PDF }
      : { name: `${id}.jpg`, mimeType: 'image/jpeg', buffer: JPEG };
    if (js) {
      assert.equal(await row.locator('button[data-unggah]').isVisible(), false, 'no Unggah button to press');
      await row.locator('input[type=file]').setInputFiles(file);
      await row.locator('.pm-status').filter({ hasText: /Terunggah/ }).waitFor();
    } else {
      await row.locator('input[type=file]').setInputFiles(file);
      await andWait(page, row.locator('button[data-unggah]'));
      assert.ok(await page.getByText('Berkas terunggah, dipasang').isVisible());
      assert.equal(await page.locator('#' + picked).locator('select').inputValue(), ijazah, 'the pick of another row was kept');
    }
    const again = page.locator('#' + id);
    assert.equal(await again.locator('.pm-file strong').textContent(), file.name, 'the row shows the file by name');
    assert.ok(await again.getByRole('checkbox').isChecked(), `the upload for ${id} ticked Terpenuhi`);
  }
  await next(page, 'Periksa');

  // Step 5, Periksa: every answer and requirement, each part with a change link; nothing lost.
  assert.ok(await page.getByRole('heading', { name: 'Periksa sebelum Buat' }).isVisible());
  const review = await page.locator('#periksa').textContent();
  for (const v of [LOKASI.nama, LOKASI.alamat, 'PT Klinik Sehat Bersama', 'Surat Izin Praktik Dokter', who.step1.nama,
    ...Object.values(typed), 'ijazah.pdf']) assert.ok(review.includes(v), `Periksa shows ${v}`);
  assert.equal(await page.locator('#periksa').getByRole('link', { name: /^Ubah/ }).count(), 4);
  await shot('6b-periksa');
  const buatButton = page.getByRole('button', { name: 'Buat', exact: true });
  assert.ok(await buatButton.isEnabled(), 'Buat is enabled once the saved draft is complete: ' +
    (await page.locator('#belum-lengkap').textContent().catch(() => '')));
  assert.equal(drafts(), before + 1, 'one draft');
  assert.ok(draftPath);
  await andWait(page, buatButton);

  // "Permohonan Izin telah selesai dibuat" with the number.
  assert.ok(await page.getByRole('heading', { name: 'Permohonan Izin telah selesai dibuat' }).isVisible());
  const nomor = (await page.locator('.pm-nomor').textContent()).trim();
  assert.match(nomor, /\d/, 'a number was assigned');
  const kode = (await page.locator('.pm-kode').textContent()).trim();
  assert.match(kode, /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/, 'the Kode Lacak is shown with the number');
  assert.ok(await page.getByRole('link', { name: '082381942489' }).isVisible(), 'the WhatsApp of the office, at the moment of waiting');
  await shot('7-selesai');

  // The receipt, downloaded, and its QR code read back.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh bukti pendaftaran' }).click()]);
  const pdfPath = join(work, `bukti-${js}.pdf`);
  await download.saveAs(pdfPath);
  assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-');
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdfPath, join(work, `bukti-${js}`)]);
  const png = execFileSync('sh', ['-c', `ls ${work}/bukti-${js}*.png`], { encoding: 'utf8' }).trim().split('\n')[0];
  const qr = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' }).trim();
  assert.equal(qr, `${srv.url}/lacak?nomor=${encodeURIComponent(nomor)}`);
  const text = execFileSync('pdftotext', [pdfPath, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(nomor), 'the number is printed on the receipt');
  assert.ok(text.includes(kode), 'and the Kode Lacak beside the QR code, which carries only the number');

  // The tracking page: the first step is current, with its due date.
  await andWait(page, page.getByRole('link', { name: 'Lacak permohonan' }));
  assert.ok(await page.getByRole('heading', { name: 'Lacak Permohonan' }).isVisible());
  const current = page.locator('li[aria-current="step"]');
  assert.equal(await current.count(), 1);
  assert.match(await current.textContent(), /Sedang diproses[\s\S]*Batas waktu: /);
  assert.match(await page.locator('table.list').textContent(), /Permohonan diajukan/);
  assert.equal((await page.locator('.kode-lacak strong').textContent()).trim(), kode, 'the owner sees the code again');
  await fitsPhone(page, page.locator('table.list tbody tr').first().locator('td').nth(2), 'Riwayat\'s Kegiatan');
  await shot('8-lacak');

  // Tab Permohonan lists it with Lacak and Bukti.
  await page.goto(srv.url + '/pemohon/profil');
  const row = page.getByRole('row', { name: new RegExp(nomor.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) });
  assert.ok(await row.getByText('Diajukan').isVisible());
  assert.ok(await row.getByRole('link', { name: /^Lacak/ }).isVisible());
  assert.ok(await row.getByRole('link', { name: /^Bukti/ }).isVisible());
  assert.ok(await row.getByText('PT Klinik Sehat Bersama').isVisible());
  await fitsPhone(page, row.getByText('Diajukan'), 'the status');
  await fitsPhone(page, row.getByRole('link', { name: /^Lacak/ }), 'the Lacak action');
  await fitsPhone(page, row.getByRole('link', { name: /^Bukti/ }), 'the Bukti action');
  await shot('9-profil');

  // The QR code's address, opened by anyone: the number is filled in; the Kode Lacak from
  // the same paper shows the steps, without personal data.
  const anon = await phonePage(browser);
  await anon.goto(qr);
  assert.equal(await anon.getByLabel('No. Permohonan').inputValue(), nomor);
  await accessible(anon, `${js ? 'js' : 'nojs'}-` + '10-lacak-publik');
  await anon.getByLabel('Kode Lacak').fill(kode.toLowerCase());
  await andWait(anon, anon.getByRole('button', { name: 'Lacak' }));
  assert.equal(await anon.locator('li[aria-current="step"]').count(), 1);
  const html = await anon.content();
  for (const secret of [who.step1.nama, who.step1.username, who.step2.no_identitas, who.step3.hp.slice(5, 9), 'Jl. Sudirman', 'PT Klinik Sehat Bersama', 'Klinik Sehat Bersama'])
    assert.ok(!html.includes(secret), `public tracking shows no ${secret}`);
  await accessible(anon, `${js ? 'js' : 'nojs'}-` + '11-lacak-publik-hasil');
  await anon.close();
  await ctx.close();
});
