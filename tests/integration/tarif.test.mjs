// Simulasi Tarif and the Admin Instansi's tarif editor (issue 13 items 2–3) against the real
// binary: the building permit's total as computed by hand, Izin Reklame by size, road class
// and months, a free permit, every kind of bad input answered beside its field with nothing
// stored; the editor's test box, a formula error naming its place, a new version with a start
// date (the simulation uses the version in force), the audit record, and who may edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { formFields, jenisId, total } from '../lib/tarif.mjs';

let srv, pbg, reklame, sip;
before(async () => {
  srv = await startServer();
  pbg = jenisId(srv, 'kota-pangkalpinang', 'pbg');
  reklame = jenisId(srv, 'kota-pangkalpinang', 'izin-reklame');
  sip = jenisId(srv, 'kota-pangkalpinang', 'sip-dokter');
});
after(async () => { await srv?.stop(); });

const sim = (params) => new Client(srv.url).get('/simulasi-tarif?' + new URLSearchParams(params));
const PBG_RUMAH = { j_L: '100', k_If: '1', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' };

test('Simulasi Tarif needs no log-in and gives the building permit total computed by hand', async () => {
  const home = await new Client(srv.url).get('/');
  assert.match(home.body, /href="\/simulasi-tarif"[^>]*>Simulasi Tarif</);
  let r = await sim({});
  assert.equal(r.status, 200);
  assert.match(r.body, /<optgroup label="Pemerintah Kota Pangkalpinang">/);
  r = await sim({ jenis: pbg });
  assert.equal(r.status, 200);
  assert.match(r.body, /<label for="j_L">Nilai \(m²\)<\/label>/);
  assert.match(r.body, /Isi masukan di atas lalu tekan Hitung/);
  // 100 m² × It (0,15 × (0,3 × 0,4 + 0,2 × 0,7 + 0,5 × 0,4) × 1 = 0,069) × 1,00 × Rp 1.500.000.
  const L = 100, It = 0.15 * (0.3 * 0.4 + 0.2 * 0.7 + 0.5 * 0.4) * 1;
  const byHand = Math.round(L * It * 1.00 * 1500000);
  assert.equal(byHand, 10350000);
  r = await sim({ jenis: pbg, ...PBG_RUMAH });
  assert.equal(r.status, 200);
  assert.equal(total(r.body), 'Rp ' + byHand.toLocaleString('id-ID'));
  assert.match(r.body, /Total Retribusi yang harus dibayar <strong id="total">Rp 10\.350\.000<\/strong>/);
  assert.match(r.body, /<td data-label="Rincian">= 0,069<\/td>/);
  // A bigger, taller building for business: 250,5 m², usaha 0,7, tidak sederhana 0,7, sedang 0,7.
  r = await sim({ jenis: pbg, j_L: '250,5', k_If: '3', k_Ik: '2', k_Ip: '1', k_Ih: '2', k_Fm: '1' });
  const it2 = 0.7 * (0.3 * 0.7 + 0.2 * 0.7 + 0.5 * 0.7);
  assert.equal(total(r.body), 'Rp ' + Math.round(250.5 * it2 * 1500000).toLocaleString('id-ID'));
});

test('the catalogue page of a paid permit type links to Simulasi Tarif with that type chosen; a free one does not', async () => {
  const v = new Client(srv.url);
  const pbg = await v.get('/katalog/kabupaten-muara-enim/pbg');
  const m = pbg.body.match(/<a href="(\/simulasi-tarif\?jenis=(\d+))">Hitung biaya di Simulasi Tarif<\/a>/);
  assert.ok(m, 'the link to Simulasi Tarif');
  const sim = await v.get(m[1].replace(/&amp;/g, '&'));
  assert.equal(sim.status, 200);
  assert.match(sim.body, new RegExp(`<option value="${m[2]}" selected>[^<]*Persetujuan Bangunan Gedung`), 'the type is chosen');
  assert.match(sim.body, /name="j_L"|id="j_L"/, 'its inputs are asked at once');
  const free = await v.get('/katalog/kota-pangkalpinang/sip-dokter');
  assert.doesNotMatch(free.body, /simulasi-tarif\?jenis=/, 'nothing to simulate for a free permit');
});

test('Izin Reklame by size, road class and months; a free permit costs nothing', async () => {
  // (12 m² × Rp 25.000 + 3 buah × Rp 30.000) × 3 bulan = Rp 1.170.000.
  let r = await sim({ jenis: reklame, k_RT: '1', j_RT: '12', k_RI: '2', j_RI: '3', j_B: '3' });
  assert.equal(r.status, 200);
  assert.equal(total(r.body), 'Rp 1.170.000');
  assert.match(r.body, /Reklame tetap \(papan\/billboard, neon box, videotron\) \(Jalan Protokol\)<\/td><td data-label="Rincian">12 m² × Rp 25\.000<\/td><td data-label="Jumlah" class="num">Rp 300\.000/);
  // An item left empty is not bought.
  r = await sim({ jenis: reklame, k_RT: '3', j_RT: '2,5', k_RI: '', j_RI: '', j_B: '12' });
  assert.equal(r.status, 400, 'RI has three categories: one must be chosen');
  r = await sim({ jenis: reklame, k_RT: '3', j_RT: '2,5', k_RI: '1', j_RI: '', j_B: '12' });
  assert.equal(total(r.body), 'Rp 225.000');
  r = await sim({ jenis: sip });
  assert.match(r.body, /tidak dikenakan retribusi/);
  assert.match(r.body, /<strong>Rp 0<\/strong>/);
});

test('bad input is answered beside its field', async () => {
  const cases = [
    [{ j_B: 'tiga' }, 'B', /Masukkan angka/],
    [{ j_B: '-1' }, 'B', /di luar batas yang diizinkan: 1 – 12/],
    [{ j_B: '13' }, 'B', /di luar batas/],
    [{ j_RT: '-5' }, 'RT', /di luar batas/],
    [{ j_RT: '99999999999999999999' }, 'RT', /Masukkan angka/],
    [{ j_RT: '1.000.000' }, 'RT', /Masukkan angka/],
    [{ k_RT: '9' }, 'RT', /Pilih kategori yang tersedia/],
    [{ k_RT: "1' OR 1=1 --" }, 'RT', /Pilih kategori yang tersedia/],
    [{ j_B: '<script>alert(1)</script>' }, 'B', /Masukkan angka/],
  ];
  for (const [bad, kode, msg] of cases) {
    const r = await sim({ jenis: reklame, k_RT: '1', j_RT: '12', k_RI: '2', j_RI: '3', j_B: '3', ...bad });
    assert.equal(r.status, 400, JSON.stringify(bad));
    const err = r.body.match(new RegExp(`<p class="err" id="err-${kode}">([^<]*)</p>`));
    assert.ok(err, `a message beside ${kode} for ${JSON.stringify(bad)}`);
    assert.match(err[1], msg);
    assert.doesNotMatch(r.body, /id="total"/);
    assert.doesNotMatch(r.body, /<script>alert/);
  }
  // An unknown or malformed jenis izin.
  for (const jenis of ['999999', 'abc', '-1']) {
    const r = await sim({ jenis });
    assert.equal(r.status, 404, jenis);
    assert.match(r.body, /Pilih jenis izin dari daftar/);
  }
  // Nothing of a simulation is stored.
  assert.equal(srv.sql('SELECT COUNT(*) FROM retribusi'), '0');
});

async function admin(user = 'admin.pangkalpinang') {
  const c = new Client(srv.url);
  const r = await c.login(user, DEMO_PASSWORD);
  assert.equal(r.status, 303);
  return c;
}

test('the tarif editor: test box, a formula error with its place, a new version with a start date', async () => {
  const a = await admin();
  let r = await a.get('/petugas/tarif');
  assert.equal(r.status, 200);
  assert.match(r.body, /Persetujuan Bangunan Gedung \(PBG\)<\/td>\s*<td data-label="Tarif berlaku">versi 1, mulai 2026-01-01/);
  assert.match(r.body, /href="\/petugas\/tarif"[^>]*>Tarif Retribusi</);
  r = await a.get(`/petugas/tarif/${pbg}`);
  assert.equal(r.status, 200);
  const form = formFields(r.body, { action: `/petugas/tarif/${pbg}` });
  assert.equal(form.kode_0, 'L');
  assert.equal(form.kategori_1, 'Hunian = 0,15\nKeagamaan = 0\nUsaha = 0,7\nSosial dan budaya = 0,3\nKhusus = 1\nCampuran = 0,6');
  assert.match(form.formula, /L × It × 1,00 × HSbg/);

  // A formula that does not parse: the message names line and column, nothing is saved.
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: 'L × (If + 2', aksi: 'uji' });
  assert.equal(r.status, 400);
  assert.match(r.body, /<p class="err" id="formula-err">Baris 1, kolom 5: Tanda kurung ini tidak ditutup\.<\/p>/);
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: 'L × Lx', aksi: 'simpan' });
  assert.match(r.body, /Baris 1, kolom 5: Nama tidak dikenal\. «Lx»/);
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, kategori_1: 'Hunian: 0,15', aksi: 'uji' });
  assert.equal(r.status, 400);
  assert.match(r.body, /id="err-baris-1">Tulis setiap kategori pada satu baris: Nama = nilai/);
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, kode_2: 'If', aksi: 'simpan' });
  assert.match(r.body, /Kode ini sudah dipakai komponen lain\. «If»/);
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: 'x'.repeat(5000), aksi: 'simpan' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Rumus terlalu panjang/);
  // Saving without trying the sample inputs is refused; so is a sample that does not compute.
  const newFormula = form.formula.replace('HSbg = 1500000', 'HSbg = 1750000');
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: newFormula, aksi: 'simpan' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Isi contoh masukan di kotak uji/);
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: newFormula, ...PBG_RUMAH, j_L: '0', aksi: 'simpan' });
  assert.equal(r.status, 400);
  assert.match(r.body, /id="err-L">Angka di luar batas/);
  assert.equal(srv.sql(`SELECT COUNT(*) FROM tarif WHERE jenis_izin_id = ${pbg}`), '1');

  // The test box computes: 100 × 0,069 × 1,00 × 1.750.000 = 12.075.000.
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: newFormula, ...PBG_RUMAH, aksi: 'uji' });
  assert.equal(r.status, 200);
  assert.equal(total(r.body), 'Rp 12.075.000');
  assert.match(r.body, /Rumus dapat dihitung dengan contoh masukan ini/);
  assert.equal(srv.sql(`SELECT COUNT(*) FROM tarif WHERE jenis_izin_id = ${pbg}`), '1');

  // Version 2 starting in 2099: today's simulation still uses version 1.
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: newFormula, berlaku_mulai: '2099-01-01', ...PBG_RUMAH, aksi: 'simpan' });
  assert.equal(r.status, 303, r.body.match(/class="err"[^>]*>([^<]*)/)?.[1]);
  assert.equal(r.location, `/petugas/tarif/${pbg}?pesan=tersimpan`);
  r = await a.get(r.location);
  assert.match(r.body, /Versi baru tarif tersimpan/);
  assert.match(r.body, /<td data-label="Versi">2<\/td><td data-label="Berlaku mulai">2099-01-01/);
  assert.equal(total((await sim({ jenis: pbg, ...PBG_RUMAH })).body), 'Rp 10.350.000');
  // Version 3 in force from today: the simulation follows it.
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  r = await a.post(`/petugas/tarif/${pbg}`, { ...form, formula: newFormula, berlaku_mulai: today, ...PBG_RUMAH, aksi: 'simpan' });
  assert.equal(r.status, 303);
  assert.equal(total((await sim({ jenis: pbg, ...PBG_RUMAH })).body), 'Rp 12.075.000');
  // Versions 1 and 2 are untouched; each save left an audit record.
  assert.equal(srv.sql(`SELECT COUNT(*) FROM tarif WHERE formula LIKE '%1500000%' AND id IN (SELECT id FROM tarif WHERE jenis_izin_id = ${pbg} AND version = 1)`), '1');
  assert.equal(srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'tarif.simpan' AND object_id = ${pbg}`), '2');
  // The other office's PBG is its own.
  const mePbg = jenisId(srv, 'kabupaten-muara-enim', 'pbg');
  assert.equal(srv.sql(`SELECT COUNT(*) FROM tarif WHERE jenis_izin_id = ${mePbg}`), '1');
});

test('only the instansi\'s Admin Instansi edits its tarifs', async () => {
  const other = await admin('admin.muaraenim');
  let r = await other.get(`/petugas/tarif/${pbg}`);
  assert.equal(r.status, 404);
  const csrf = await other.csrf('/petugas/tarif');
  r = await other.post(`/petugas/tarif/${pbg}`, { csrf, rows: '0', formula: '1', aksi: 'simpan' });
  assert.equal(r.status, 404);
  const bendahara = new Client(srv.url);
  await bendahara.login('bendahara.pangkalpinang', DEMO_PASSWORD);
  r = await bendahara.get(`/petugas/tarif/${pbg}`);
  assert.equal(r.status, 403);
  r = await new Client(srv.url).get(`/petugas/tarif/${pbg}`);
  assert.equal(r.status, 303);
  const a = await admin();
  r = await a.post(`/petugas/tarif/${pbg}`, { rows: '0', formula: '1', aksi: 'simpan' });
  assert.equal(r.status, 403, 'no CSRF token');
  assert.equal(srv.sql(`SELECT COUNT(*) FROM tarif WHERE jenis_izin_id = ${pbg}`), '3');
});
