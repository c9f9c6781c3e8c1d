// The applicant's companies, tab Perusahaan (SPEC 4.6, 4.8), against the real binary:
// add, list, edit; messages beside each field with what was typed kept (NIB of 12
// digits, a bad NPWP, a bad phone, a kabupaten outside its provinsi); the region cascade
// without JavaScript ("Pilih"); another applicant's company is not found; CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { activeApplicant, errors } from '../lib/registrasi.mjs';

let srv, budi, sari;
before(async () => {
  srv = await startServer({ smtp: true });
  budi = await activeApplicant(srv, { step1: { username: 'budi.pt', nama: 'Budi Perusahaan', email: 'budi.pt@example.com' },
    step2: { no_identitas: '1971011508900021' } });
  sari = await activeApplicant(srv, { step1: { username: 'sari.pt', nama: 'Sari Perusahaan', email: 'sari.pt@example.com' },
    step2: { no_identitas: '1971015508900022', jenis_kelamin: 'P' } });
});
after(async () => { await srv?.stop(); });

const sql = (query) => srv.sql(query);
const csrfOf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];

const PT = {
  nama: 'PT Timah Sejahtera', bentuk_usaha: 'PT', nib: '9120001234567', npwp: '01.234.567.8-901.000',
  alamat: 'Jl. Mentok No. 5', provinsi: '19', kabupaten: '19.71', kecamatan: '19.71.01', desa: '19.71.01.1007',
  telepon: '0717 436772', email: 'info@timah-sejahtera.co.id',
};

async function save(c, fields, path = '/pemohon/perusahaan/baru', { csrf } = {}) {
  const token = csrf === undefined ? csrfOf((await c.get(path)).body) : csrf;
  const all = { aksi: 'simpan', ...fields };
  if (token !== null) all.csrf = token;
  return c.post(path, all);
}

test('add a company, see it listed, edit it', async () => {
  let r = await budi.get('/pemohon/perusahaan');
  assert.equal(r.status, 200);
  assert.match(r.body, /aria-current="page">Perusahaan</);
  assert.match(r.body, /Belum ada perusahaan/);
  r = await budi.get('/pemohon/perusahaan/baru');
  assert.equal(r.status, 200);
  for (const label of ['Nama Perusahaan', 'Bentuk Usaha', 'NIB', 'NPWP', 'Alamat', 'Provinsi', 'Kabupaten', 'Kecamatan', 'Desa', 'Telepon', 'Email'])
    assert.match(r.body, new RegExp(`<label for="[a-z_]+">${label}`), label);
  for (const b of ['PT', 'CV', 'Firma', 'Koperasi', 'UD', 'Yayasan', 'Perseorangan', 'Lainnya'])
    assert.match(r.body, new RegExp(`<option value="${b}">`), b);

  r = await save(budi, PT);
  assert.equal(r.status, 303, errors(r.body));
  r = await budi.get(r.location);
  assert.match(r.body, /Data perusahaan tersimpan/);
  assert.match(r.body, /PT Timah Sejahtera/);
  assert.match(r.body, /9120001234567/);
  assert.match(r.body, /012345678901000/, 'NPWP stored as digits');
  assert.match(r.body, /\+62717436772/, 'telepon in E.164');
  assert.match(r.body, /Kota Pangkalpinang/, "the region's official spelling, as the office writes it");
  const edit = r.body.match(/href="(\/pemohon\/perusahaan\/\d+)"/)[1];

  r = await budi.get(edit);
  assert.equal(r.status, 200);
  assert.match(r.body, /value="PT Timah Sejahtera"/);
  assert.match(r.body, /<option value="19\.71\.01\.1007" selected>/);
  r = await save(budi, { ...PT, nama: 'CV Lada Putih', bentuk_usaha: 'CV', email: '' }, edit);
  assert.equal(r.status, 303, errors(r.body));
  r = await budi.get('/pemohon/perusahaan');
  assert.match(r.body, /CV Lada Putih/);
  assert.doesNotMatch(r.body, /PT Timah Sejahtera/);
  assert.equal(sql("SELECT count(*) FROM perusahaan WHERE nama = 'CV Lada Putih' AND email IS NULL"), '1');
});

test('bad values get a message beside the field, the summary, and what was typed is kept', async () => {
  const count = sql('SELECT count(*) FROM perusahaan');
  const cases = [
    [{ nib: '912000123456' }, 'nib', /NIB harus 13 angka/],
    [{ nib: '' }, 'nib', /NIB wajib diisi/],
    [{ npwp: '12.345' }, 'npwp', /./],
    [{ telepon: '12345' }, 'telepon', /./],
    [{ email: 'bukan-email' }, 'email', /./],
    [{ nama: '' }, 'nama', /Nama perusahaan wajib diisi/],
    [{ bentuk_usaha: 'Koperasi Gelap' }, 'bentuk_usaha', /Pilih bentuk usaha/],
    [{ kabupaten: '16.03', kecamatan: '16.03.01', desa: '16.03.01.2011' }, 'kabupaten', /tidak berada di provinsi yang dipilih/],
    [{ desa: '' }, 'desa', /Pilih desa/],
  ];
  for (const [change, key, msg] of cases) {
    const r = await save(budi, { ...PT, ...change });
    assert.equal(r.status, 400, key);
    assert.match(r.body, new RegExp(`<p class="err" id="${key}-err">`), `${key} has its message`);
    assert.match(r.body, msg, key);
    assert.match(r.body, new RegExp(`id="${key}"[^>]*aria-invalid="true"`), `${key} is marked`);
    assert.match(r.body, new RegExp(`<li><a href="#${key}">`), `${key} in the summary`);
    assert.match(r.body, /value="Jl\. Mentok No\. 5"/, 'what was typed is kept');
  }
  assert.equal(sql('SELECT count(*) FROM perusahaan'), count, 'nothing saved');
});

test('the region cascade works without JavaScript ("Pilih")', async () => {
  const path = '/pemohon/perusahaan/baru';
  const csrf = csrfOf((await budi.get(path)).body);
  let r = await budi.post(path, { csrf, ...PT, aksi: 'wilayah', provinsi: '16', kabupaten: '19.71', kecamatan: '', desa: '' });
  assert.equal(r.status, 200);
  assert.match(r.body, /<option value="16" selected>/);
  assert.match(r.body, /<option value="16\.03">/, 'the kabupaten of the chosen provinsi are listed');
  assert.doesNotMatch(r.body, /<option value="19\.71" selected>/, 'a kabupaten of another provinsi is cleared');
  assert.match(r.body, /value="PT Timah Sejahtera"/, 'typed values are kept');
  r = await budi.post(path, { csrf, ...PT, aksi: 'wilayah', provinsi: '16', kabupaten: '16.03', kecamatan: '', desa: '' });
  assert.match(r.body, /<option value="16\.03\.01">/);
  assert.equal(sql("SELECT count(*) FROM perusahaan WHERE provinsi_code = '16'"), '0', 'Pilih saves nothing');
});

test("another applicant's company is not found, and nothing changes", async () => {
  const id = sql("SELECT id FROM perusahaan WHERE nama = 'CV Lada Putih'");
  assert.ok(id);
  assert.equal((await sari.get(`/pemohon/perusahaan/${id}`)).status, 404);
  const csrf = csrfOf((await sari.get('/pemohon/perusahaan/baru')).body);
  const r = await sari.post(`/pemohon/perusahaan/${id}`, { csrf, aksi: 'simpan', ...PT, nama: 'Dibajak' });
  assert.equal(r.status, 404);
  assert.equal(sql(`SELECT nama FROM perusahaan WHERE id = ${id}`), 'CV Lada Putih');
  assert.doesNotMatch((await sari.get('/pemohon/perusahaan')).body, /CV Lada Putih/);
  assert.equal((await sari.get('/pemohon/perusahaan/abc')).status, 404);
});

test('without the CSRF token nothing is saved (403)', async () => {
  const count = sql('SELECT count(*) FROM perusahaan');
  let r = await save(budi, { ...PT, nama: 'PT Tanpa Token' }, '/pemohon/perusahaan/baru', { csrf: null });
  assert.equal(r.status, 403);
  r = await save(budi, { ...PT, nama: 'PT Token Palsu' }, '/pemohon/perusahaan/baru', { csrf: 'x'.repeat(43) });
  assert.equal(r.status, 403);
  assert.equal(sql('SELECT count(*) FROM perusahaan'), count);
});

test('only a logged-in applicant sees the tab', async () => {
  const r = await fetch(srv.url + '/pemohon/perusahaan', { redirect: 'manual' });
  assert.ok([302, 303].includes(r.status));
});
