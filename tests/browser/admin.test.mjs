// Admin Instansi's main paths in Chromium, on a phone-sized page and on a desktop one, with
// axe-core on every page: add an officer who then logs in with the one-time password and
// must change it; edit a requirement and see it on the public jenis izin page; add a
// holiday and see the SLA due date of the next application move past it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { submitSip } from '../lib/admin.mjs';
import { launch, phonePage, axeViolations, screenshot, subMenu } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function accessible(page, name) {
  await screenshot(page, 'admin-' + name);
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
}

async function andWait(page, locator) {
  await Promise.all([page.waitForEvent('load'), locator.click()]);
}

async function desktopPage() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  return ctx.newPage();
}

async function logIn(page, username, password) {
  await page.goto(srv.url + '/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await andWait(page, page.getByRole('button', { name: 'Log In' }));
}

test('add an officer who then logs in with the one-time password', async () => {
  const page = await phonePage(browser);
  page.setDefaultTimeout(10000);
  await logIn(page, 'admin.pangkalpinang', DEMO_PASSWORD);
  // The officer's home lists the same pages as the menu: the menu's link.
  await andWait(page, (await subMenu(page, 'Administrasi')).getByRole('link', { name: 'Petugas', exact: true }));
  await accessible(page, 'petugas-phone');
  await andWait(page, page.getByRole('link', { name: 'Tambah Petugas' }));
  await accessible(page, 'petugas-baru-phone');
  await page.locator('#username').fill('andi.teknis');
  await page.locator('#nama').fill('Andi Pratama');
  await page.locator('#email').fill('andi@example.com');
  await page.getByLabel('Jabatan').fill('Penata Teknis');
  await page.getByLabel('Tim Teknis').check();
  await page.getByLabel('Tampilkan sekali di layar ini').check();
  await andWait(page, page.getByRole('button', { name: 'Tambah Petugas' }));
  await accessible(page, 'petugas-sandi-phone');
  const password = (await page.locator('#password-sementara').textContent()).trim();
  assert.ok(password.length >= 12);

  const andi = await phonePage(browser);
  await logIn(andi, 'andi.teknis', password);
  assert.match(andi.url(), /\/akun\/password$/, 'the one-time password must be changed first');
  assert.equal(await andi.locator('#password_lama').count(), 0, 'the one-time password just typed is not asked again');
  await andi.locator('#password_baru').fill('Andi-Teknis-2026');
  await andi.locator('#password_ulang').fill('Andi-Teknis-2026');
  await andWait(andi, andi.getByRole('button', { name: 'Simpan' }));
  assert.doesNotMatch(andi.url(), /\/akun\/password$/);
  assert.equal(await andi.getByRole('link', { name: 'Petugas', exact: true }).count(), 0, 'no admin menu for Tim Teknis');
  assert.equal(await andi.getByText('Administrasi', { exact: true }).count(), 0, 'no Administrasi submenu for Tim Teknis');
  await andi.context().close();

  await page.goto(srv.url + '/petugas/admin/petugas');
  await assert.doesNotReject(page.getByRole('cell', { name: 'Andi Pratama andi.teknis' }).waitFor());
  await page.context().close();
});

test('edit a requirement and see it on the public jenis izin page', async () => {
  const page = await desktopPage();
  page.setDefaultTimeout(10000);
  await logIn(page, 'admin.pangkalpinang', DEMO_PASSWORD);
  await andWait(page, (await subMenu(page, 'Administrasi')).getByRole('link', { name: 'Jenis Izin', exact: true }));
  await accessible(page, 'izin-desktop');
  await andWait(page, page.getByRole('link', { name: 'Ubah Surat Izin Praktik Dokter' }));
  await accessible(page, 'izin-data-desktop');
  await andWait(page, page.getByRole('link', { name: 'Persyaratan', exact: true }));
  await accessible(page, 'izin-syarat-desktop');
  await andWait(page, page.getByRole('link', { name: /^Ubah / }).first());
  await page.getByLabel('Nama persyaratan').fill('Fotokopi KTP yang masih berlaku (dilegalisir)');
  await page.getByLabel('Keterangan').fill('Dilegalisir oleh kelurahan atau kecamatan.');
  await andWait(page, page.getByRole('button', { name: 'Simpan' }));
  await assert.doesNotReject(page.getByText('Perubahan disimpan dan langsung tampil di Katalog Layanan.').waitFor());

  const visitor = await phonePage(browser);
  await visitor.goto(srv.url + '/katalog/kota-pangkalpinang/sip-dokter');
  await assert.doesNotReject(visitor.getByText('Fotokopi KTP yang masih berlaku (dilegalisir)').first().waitFor());
  await accessible(visitor, 'katalog-sip-phone');
  await visitor.context().close();

  await page.goto(srv.url + '/petugas/admin/izin');
  await andWait(page, page.getByRole('link', { name: 'Ubah Surat Izin Praktik Dokter' }));
  await andWait(page, page.getByRole('link', { name: 'Alur Baru' }));
  await accessible(page, 'izin-alur-desktop');
  await page.getByLabel('Peran langkah 2').selectOption('');
  await andWait(page, page.getByRole('button', { name: 'Simpan sebagai versi baru' }));
  await assert.doesNotReject(page.getByRole('alert').getByText(/Langkah 2: Langkah ini belum punya peran/).waitFor());
  await accessible(page, 'izin-alur-error-desktop');
  await page.context().close();
});

test('add a holiday and see the SLA due date move', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'budi.browser', nama: 'Budi Browser', email: 'budi.browser@example.com' },
    step2: { no_identitas: '1971011508900051' } });
  const a = await submitSip(budi);
  const page = await phonePage(browser);
  page.setDefaultTimeout(10000);
  await logIn(page, 'admin.pangkalpinang', DEMO_PASSWORD);
  await page.goto(`${srv.url}/petugas/permohonan/${a.id}/lacak`);
  const dueA = await page.locator('.step-current .track-meta', { hasText: 'Batas waktu' }).first().textContent();
  const dateA = srv.sql(`SELECT due_at FROM permohonan_step WHERE permohonan_id = ${a.id} AND status = 'berjalan'`);
  const ymd = new Date(Date.parse(dateA) + 7 * 3600000).toISOString().slice(0, 10);

  await andWait(page, (await subMenu(page, 'Administrasi')).getByRole('link', { name: 'Hari Libur' }));
  await accessible(page, 'libur-phone');
  await page.locator('#tanggal').fill(ymd);
  await page.locator('#nama').fill('Hari Jadi Kota Pangkalpinang');
  await andWait(page, page.getByRole('button', { name: 'Tambah', exact: true }));
  await assert.doesNotReject(page.getByText(/Hari libur ditambahkan/).waitFor());
  await assert.doesNotReject(page.getByRole('cell', { name: 'Hari Jadi Kota Pangkalpinang', exact: true }).waitFor());
  await accessible(page, 'libur-ditambah-phone');

  const b = await submitSip(budi);
  await page.goto(`${srv.url}/petugas/permohonan/${b.id}/lacak`);
  const dueB = await page.locator('.step-current .track-meta', { hasText: 'Batas waktu' }).first().textContent();
  assert.notEqual(dueB, dueA, `the due date moved: ${dueA} → ${dueB}`);
  const dateB = srv.sql(`SELECT due_at FROM permohonan_step WHERE permohonan_id = ${b.id} AND status = 'berjalan'`);
  assert.ok(Date.parse(dateB) > Date.parse(dateA));
  await page.context().close();
});
