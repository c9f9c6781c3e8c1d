// The fee steps inside the workflow runtime: a building permit (PBG) application goes
// through the officers' inbox with real Teruskan actions — kelengkapan, verifikasi, tinjau
// lapangan, rekomendasi — to Hitung retribusi, where the application page links to the
// Bendahara's retribusi page and Teruskan is refused until the SKRD is confirmed; at
// Konfirmasi pembayaran it is refused until the payment is recorded.  Then it reaches
// Penetapan.  Runs on SQLite and, with LOKET_TEST_PG_URL, on PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { officer, berkas, act, checkAll, tinjau } from '../lib/proses.mjs';
import { formFields, submitPbg, textOf } from '../lib/tarif.mjs';

let srv, app, budi;
before(async () => {
  srv = await startServer({ smtp: true });
  budi = await activeApplicant(srv, { step1: { username: 'budi.alur', nama: 'Budi Alur', email: 'budi.alur@example.com' },
    step2: { no_identitas: '1971011508900041' } });
  app = await submitPbg(budi);
});
after(async () => { await srv?.stop(); });

// The SKRD line of the applicant's own tracking page ("" when there is none).
async function skrdOnTracking() {
  const page = await budi.get(`/pemohon/permohonan/${app.id}/lacak`);
  assert.equal(page.status, 200);
  return page.body.match(/<dt>Retribusi<\/dt><dd>SKRD\/[^<]*<br><a class="btn btn-line" href="([^"]+)">Lihat SKRD<\/a><\/dd>/) || '';
}

const currentKind = (id) => srv.sql(`SELECT kind FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`);
const todayWib = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' });

test('a PBG application reaches Hitung retribusi through the inbox', async () => {
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await checkAll(fo, app.id)).status, 303);
  assert.equal((await act(fo, app.id, 'teruskan')).status, 303);
  const ver = await officer(srv, 'verifikator.pangkalpinang');
  assert.equal((await checkAll(ver, app.id)).status, 303);
  assert.equal((await act(ver, app.id, 'teruskan')).status, 303);
  const tek = await officer(srv, 'teknis.pangkalpinang');
  assert.equal((await tinjau(tek, app.id)).status, 303);
  assert.equal((await act(tek, app.id, 'teruskan')).status, 303);
  assert.equal((await act(tek, app.id, 'rekomendasi', { rekomendasi: 'Memenuhi syarat teknis.' })).status, 303);
  assert.equal((await act(tek, app.id, 'teruskan')).status, 303);
  assert.equal(currentKind(app.id), 'hitung_retribusi');
  assert.equal(await skrdOnTracking(), '', 'no SKRD link before the fee is assessed');
});

test('Hitung retribusi: the inbox leads to the fee page, and Teruskan waits for the confirmed SKRD', async () => {
  const bdh = await officer(srv, 'bendahara.pangkalpinang');
  const inbox = await bdh.get('/petugas/inbox');
  assert.match(inbox.body, new RegExp(`/petugas/permohonan/${app.id}"`), 'the application is in the Bendahara\'s inbox');
  let p = await berkas(bdh, app.id);
  assert.equal(p.status, 200);
  assert.match(p.body, new RegExp(`<a class="button" href="/petugas/permohonan/${app.id}/retribusi">Buka Hitung Retribusi</a>`));

  let r = await act(bdh, app.id, 'teruskan');
  assert.equal(r.status, 400, 'no SKRD yet');
  assert.match(r.body, /SKRD belum ditetapkan: hitung retribusi lalu tetapkan SKRD\./);
  assert.equal(currentKind(app.id), 'hitung_retribusi');

  // Hitung from the data teknis (L = 100, hunian): 10.350.000; a draft alone is not enough.
  let fee = await bdh.get(`/petugas/permohonan/${app.id}/retribusi`);
  const form = formFields(fee.body, { id: 'hitung' });
  r = await bdh.post(`/petugas/permohonan/${app.id}/retribusi`, { ...form, k_If: '1', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' });
  assert.equal(r.status, 303);
  r = await act(bdh, app.id, 'teruskan');
  assert.equal(r.status, 400, 'a draft SKRD is not confirmed');
  assert.equal(currentKind(app.id), 'hitung_retribusi');

  fee = await bdh.get(`/petugas/permohonan/${app.id}/retribusi`);
  const csrf = fee.body.match(/name="csrf" value="([^"]+)"/)[1];
  r = await bdh.post(`/petugas/permohonan/${app.id}/retribusi/tetapkan`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(textOf((await bdh.get(r.location)).body, 'skrd-total'), 'Rp 10.350.000');
  // The applicant's tracking page links to it (Lihat SKRD), unpaid.
  const link = await skrdOnTracking();
  assert.ok(link, 'Lihat SKRD on the tracking page');
  assert.match(link[0], /\(Belum dibayar\)/);
  assert.equal(link[1], `/pemohon/permohonan/${app.id}/skrd`);
  const skrd = await budi.get(link[1]);
  assert.equal(skrd.status, 200);
  assert.match(skrd.body, /10\.350\.000/);
  r = await act(bdh, app.id, 'teruskan');
  assert.equal(r.status, 303, 'Teruskan once the SKRD is confirmed');
  assert.equal(currentKind(app.id), 'konfirmasi_pembayaran');
});

test('Konfirmasi pembayaran: Teruskan waits for the recorded payment, then Penetapan', async () => {
  const bdh = await officer(srv, 'bendahara.pangkalpinang');
  let p = await berkas(bdh, app.id);
  assert.match(p.body, new RegExp(`<a class="button" href="/petugas/permohonan/${app.id}/retribusi">Buka Konfirmasi Pembayaran</a>`));
  let r = await act(bdh, app.id, 'teruskan');
  assert.equal(r.status, 400, 'not paid yet');
  assert.match(r.body, /Pembayaran retribusi belum dicatat\./);
  assert.equal(currentKind(app.id), 'konfirmasi_pembayaran');

  const fee = await bdh.get(`/petugas/permohonan/${app.id}/retribusi`);
  const csrf = fee.body.match(/name="csrf" value="([^"]+)"/)[1];
  r = await bdh.post(`/petugas/permohonan/${app.id}/pembayaran`, { csrf, jumlah: '10350000', referensi: 'BANK-ALUR-1', tanggal_bayar: todayWib() });
  assert.equal(r.status, 303, 'the payment is recorded');
  assert.equal(srv.sql(`SELECT status FROM retribusi WHERE permohonan_id = ${app.id}`), 'lunas');
  assert.match((await skrdOnTracking())[0], /\(Lunas\)/, 'the tracking page says it is paid');
  r = await act(bdh, app.id, 'teruskan');
  assert.equal(r.status, 303, 'Teruskan once paid');
  assert.equal(currentKind(app.id), 'penetapan');
  p = await berkas(bdh, app.id);
  assert.doesNotMatch(p.body, /Buka Konfirmasi Pembayaran/, 'the fee panel is gone once the step is done');
});
