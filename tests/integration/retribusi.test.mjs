// Retribution in the workflow (issue 13 item 4) against the real binary with a real SMTP
// sink: a building permit application reaches Hitung retribusi (the workflow runtime's
// Teruskan lives in the back office; here the step is set in the database, see
// tests/lib/tarif.mjs moveToStep), the Bendahara computes the fee from the data teknis,
// confirms the SKRD (number, payment code, due date; the applicant is emailed and sees it),
// the applicant uploads a proof, and at Konfirmasi pembayaran the Bendahara records the
// payment.  Wrong amounts, dates, references, files, roles, offices and owners are refused
// with nothing changed; every action is in the audit trail, which verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { PDF } from '../lib/permohonan.mjs';
import { formFields, submitPbg, moveToStep, textOf } from '../lib/tarif.mjs';

let srv, budi, app, bendahara;
before(async () => {
  srv = await startServer({ smtp: true });
  budi = await activeApplicant(srv, { step1: { username: 'budi.pbg', nama: 'Budi Bangun', email: 'budi.pbg@example.com' },
    step2: { no_identitas: '1971011508900031' } });
  app = await submitPbg(budi);
  bendahara = new Client(srv.url);
  assert.equal((await bendahara.login('bendahara.pangkalpinang', DEMO_PASSWORD)).status, 303);
});
after(async () => { await srv?.stop(); });

const page = (c, id = app.id) => c.get(`/petugas/permohonan/${id}/retribusi`);
const skrdPage = (c, id = app.id) => c.get(`/pemohon/permohonan/${id}/skrd`);

async function post(c, path, fields) {
  const csrf = await c.csrf(`/petugas/permohonan/${app.id}/retribusi`);
  return c.post(path, { csrf, ...fields });
}

async function uploadProof(c, bytes, name, type) {
  const csrf = (await skrdPage(c)).body.match(/name="csrf" value="([^"]+)"/)[1];
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('berkas', new Blob([bytes], { type }), name);
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const res = await fetch(`${srv.url}/pemohon/permohonan/${app.id}/skrd/bukti`, { method: 'POST', redirect: 'manual',
    body: Buffer.from(await encoded.arrayBuffer()), headers: { cookie: c.cookieHeader(), 'content-type': encoded.headers.get('content-type') } });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

test('before its step, no fee can be computed', async () => {
  let r = await page(bendahara);
  assert.equal(r.status, 200);
  assert.match(r.body, /Tidak ada tahap retribusi yang menunggu Anda/);
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi`, { j_L: '100' });
  assert.equal(r.status, 403);
  assert.equal(srv.sql('SELECT COUNT(*) FROM retribusi'), '0');
  r = await skrdPage(budi);
  assert.match(r.body, /SKRD permohonan ini belum diterbitkan/);
});

test('Hitung retribusi: the engine computes, the Bendahara confirms, the applicant is emailed and sees the SKRD', async () => {
  moveToStep(srv, app.id, 'hitung_retribusi');
  let r = await page(bendahara);
  assert.equal(r.status, 200);
  assert.match(r.body, /<h2 id="hitung-judul">Hitung Retribusi<\/h2>/);
  const form = formFields(r.body, { id: 'hitung' });
  assert.equal(form.j_L, '100', 'L comes from the data teknis');
  // Refusals keep what was typed and store nothing.
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi`, { ...form, j_L: 'seratus', k_If: '1', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' });
  assert.equal(r.status, 400);
  assert.match(r.body, /id="err-L">Masukkan angka/);
  assert.match(r.body, /value="seratus"/);
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi`, { ...form, k_If: '7', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' });
  assert.match(r.body, /id="err-If">Pilih kategori yang tersedia/);
  assert.equal(srv.sql('SELECT COUNT(*) FROM retribusi'), '0');
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi/tetapkan`, {});
  assert.equal(r.status, 409);
  assert.match(r.body, /Hitung retribusi terlebih dahulu/);

  // Hitung: usaha 0,7 this time; 100 × 0,7 × (0,3 × 0,4 + 0,2 × 0,7 + 0,5 × 0,4) × 1 × 1,00 × 1.500.000 = 48.300.000.
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi`, { ...form, k_If: '3', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' });
  assert.equal(r.status, 303);
  r = await bendahara.get(r.location);
  assert.match(r.body, /Retribusi dihitung/);
  assert.equal(textOf(r.body, 'skrd-status'), 'Draf (belum ditetapkan)');
  assert.equal(textOf(r.body, 'skrd-total'), 'Rp 48.300.000');
  assert.match(r.body, /Usaha: 0,7/);
  // The applicant does not see a draft.
  assert.match((await skrdPage(budi)).body, /belum diterbitkan/);
  // A second Hitung replaces the draft: hunian, 10.350.000.
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi`, { ...form, k_If: '1', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' });
  assert.equal(r.status, 303);
  assert.equal(textOf((await page(bendahara)).body, 'skrd-total'), 'Rp 10.350.000');

  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi/tetapkan`, {});
  assert.equal(r.status, 303);
  r = await bendahara.get(r.location);
  assert.match(r.body, /SKRD ditetapkan dan dikirim ke pemohon/);
  const kode = textOf(r.body, 'kode-bayar');
  assert.match(kode, /^197126\d{10}$/, 'wilayah 19.71, year 26, random digits, check digit');
  const luhn = [...kode].reverse().reduce((s, ch, i) => { let d = Number(ch); if (i % 2) { d *= 2; if (d > 9) d -= 9; } return s + d; }, 0);
  assert.equal(luhn % 10, 0, 'Luhn check digit');
  assert.equal(textOf(r.body, 'skrd-nomor'), 'SKRD/' + app.nomor);
  assert.doesNotMatch(r.body, /<h2 id="hitung-judul">/, 'no more Hitung once confirmed');
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi/tetapkan`, {});
  assert.equal(r.status, 409, 'a confirmed SKRD is not confirmed again');
  r = await post(bendahara, `/petugas/permohonan/${app.id}/retribusi`, { ...form, k_If: '3', k_Ik: '1', k_Ip: '1', k_Ih: '1', k_Fm: '1' });
  assert.equal(r.status, 409);
  assert.equal(srv.sql(`SELECT total FROM retribusi WHERE permohonan_id = ${app.id}`), '10350000');

  const mail = await srv.waitForMail((m) => m.to.includes('budi.pbg@example.com') && /SKRD/.test(m.subject));
  assert.match(mail.body, /Total\s+: Rp 10\.350\.000/);
  assert.match(mail.body, new RegExp(`Kode Bayar\\s+: ${kode}`));
  assert.match(mail.body, /Jatuh Tempo\s+: \d+ \w+ \d{4}/);
  assert.match(mail.body, new RegExp(`${srv.url}/pemohon/permohonan/${app.id}/skrd`));

  r = await skrdPage(budi);
  assert.equal(r.status, 200);
  assert.equal(textOf(r.body, 'kode-bayar'), kode);
  assert.equal(textOf(r.body, 'skrd-total'), 'Rp 10.350.000');
  assert.equal(textOf(r.body, 'skrd-status'), 'Menunggu pembayaran');
  assert.match(r.body, /Unggah Bukti Bayar/);
  // The history says so.
  assert.match(srv.sql(`SELECT note FROM permohonan_event WHERE permohonan_id = ${app.id} AND kind = 'catatan'`), /SKRD SKRD\/.* ditetapkan: Rp 10\.350\.000/);
});

test('the applicant uploads a proof; only real PDF/JPEG/PNG files, only their own application', async () => {
  const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1)]);
  let r = await uploadProof(budi, ELF, 'bukti.pdf', 'application/pdf');
  assert.equal(r.status, 400);
  assert.match(r.body, /id="berkas-err">/);
  assert.equal(srv.sql(`SELECT COUNT(*) FROM retribusi WHERE bukti_dokumen_id IS NOT NULL`), '0');
  r = await uploadProof(budi, PDF, 'bukti transfer.pdf', 'application/pdf');
  assert.equal(r.status, 303);
  r = await budi.get(r.location);
  assert.match(r.body, /Bukti bayar terkirim/);
  assert.match((await budi.get('/pemohon/dokumen')).body, /Bukti Pembayaran Retribusi/);
  // Another applicant sees nothing of it.
  const sari = await activeApplicant(srv, { step1: { username: 'sari.pbg', nama: 'Sari Lain', email: 'sari.pbg@example.com' },
    step2: { no_identitas: '1971015508900032', jenis_kelamin: 'P' } });
  assert.equal((await skrdPage(sari)).status, 404);
  const csrf = (await sari.get('/pemohon/profil')).body.match(/name="csrf" value="([^"]+)"/)[1];
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('berkas', new Blob([PDF], { type: 'application/pdf' }), 'x.pdf');
  const res = await fetch(`${srv.url}/pemohon/permohonan/${app.id}/skrd/bukti`, { method: 'POST', redirect: 'manual', body: form,
    headers: { cookie: sari.cookieHeader() } });
  assert.equal(res.status, 404);
});

test('Konfirmasi pembayaran: the Bendahara records the payment with its reference', async () => {
  let r = await post(bendahara, `/petugas/permohonan/${app.id}/pembayaran`, { jumlah: '10350000', referensi: 'BANK-123', tanggal_bayar: '2026-12-01' });
  assert.equal(r.status, 403, 'not at Konfirmasi pembayaran yet');
  moveToStep(srv, app.id, 'konfirmasi_pembayaran');
  r = await page(bendahara);
  assert.match(r.body, /<h2 id="bayar-judul">Konfirmasi Pembayaran<\/h2>/);
  assert.doesNotMatch(r.body, /id="skrd-lunas"/, 'not paid yet (a regression: the page\'s form address once showed as paid)');
  const proof = r.body.match(/href="(\/petugas\/permohonan\/\d+\/pembayaran\/bukti)"/);
  assert.ok(proof, 'the applicant\'s proof is offered');
  const file = await fetch(srv.url + proof[1], { headers: { cookie: bendahara.cookieHeader() } });
  assert.equal(file.status, 200);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);

  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const cases = [
    [{ jumlah: '10000000' }, 400, /harus sama dengan total SKRD/],
    [{ jumlah: 'sepuluh juta' }, 400, /Isi jumlah pembayaran/],
    [{ jumlah: '10.350.000' }, 400, /Isi jumlah pembayaran/],
    [{ referensi: '' }, 400, /Isi nomor referensi/],
    [{ referensi: 'x\u0007y' }, 400, /Isi nomor referensi/],
    [{ tanggal_bayar: '2099-01-01' }, 400, /paling lambat hari ini/],
    [{ tanggal_bayar: '2020-01-01' }, 400, /tidak boleh sebelum SKRD/],
    [{ tanggal_bayar: '31-12-2026' }, 400, /format TTTT-BB-HH/],
  ];
  for (const [bad, status, msg] of cases) {
    r = await post(bendahara, `/petugas/permohonan/${app.id}/pembayaran`, { jumlah: '10350000', referensi: 'BANK-2026-0001', tanggal_bayar: today, ...bad });
    assert.equal(r.status, status, JSON.stringify(bad));
    assert.match(r.body, msg);
    assert.equal(srv.sql('SELECT COUNT(*) FROM pembayaran'), '0');
  }
  r = await post(bendahara, `/petugas/permohonan/${app.id}/pembayaran`, { jumlah: '10350000', referensi: 'BANK-2026-0001', tanggal_bayar: today });
  assert.equal(r.status, 303);
  r = await bendahara.get(r.location);
  assert.match(r.body, /Pembayaran dicatat/);
  assert.match(textOf(r.body, 'skrd-lunas'), /Lunas: Rp 10\.350\.000, referensi BANK-2026-0001/);
  r = await post(bendahara, `/petugas/permohonan/${app.id}/pembayaran`, { jumlah: '10350000', referensi: 'BANK-2026-0002', tanggal_bayar: today });
  assert.equal(r.status, 409, 'recorded once');
  assert.equal(srv.sql('SELECT COUNT(*) FROM pembayaran'), '1');
  const mail = await srv.waitForMail((m) => m.to.includes('budi.pbg@example.com') && /diterima/.test(m.subject));
  assert.match(mail.body, /sebesar Rp 10\.350\.000/);
  r = await skrdPage(budi);
  assert.equal(textOf(r.body, 'skrd-status'), 'Lunas');
  assert.doesNotMatch(r.body, /Unggah Bukti Bayar/);
});

test('only the instansi\'s Bendahara; every action audited; the trail verifies', async () => {
  const verifikator = new Client(srv.url);
  await verifikator.login('verifikator.pangkalpinang', DEMO_PASSWORD);
  assert.equal((await page(verifikator)).status, 403);
  const other = new Client(srv.url);
  await other.login('bendahara.muaraenim', DEMO_PASSWORD);
  assert.equal((await page(other)).status, 404);
  const csrf = await other.csrf('/simulasi-tarif').catch(() => null) ||
    (await other.get('/')).body.match(/name="csrf" value="([^"]+)"/)[1];
  assert.equal((await other.post(`/petugas/permohonan/${app.id}/retribusi/tetapkan`, { csrf })).status, 404);
  assert.equal((await page(bendahara, 999999)).status, 404);
  assert.equal((await bendahara.get('/petugas/permohonan/abc/retribusi')).status, 404);
  assert.equal((await bendahara.post(`/petugas/permohonan/${app.id}/retribusi/tetapkan`, {})).status, 403, 'no CSRF token');
  assert.equal((await budi.get(`/petugas/permohonan/${app.id}/retribusi`)).status, 403);
  const actions = srv.sql(`SELECT action FROM audit_log WHERE object_id = ${app.id} AND object_type = 'permohonan' ORDER BY id`).split('\n');
  for (const a of ['retribusi.lihat', 'retribusi.hitung', 'retribusi.tetapkan', 'pembayaran.bukti_lihat', 'pembayaran.catat'])
    assert.ok(actions.includes(a), `${a} in ${actions.join(', ')}`);
  assert.equal(actions.filter((a) => a === 'retribusi.hitung').length, 2);
  const v = loket(['audit', 'verify'], srv.env);
  assert.equal(v.status, 0, v.stdout + v.stderr);
});

test('the retribution report: per month and jenis izin, a chart and CSV', async () => {
  const year = new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
  let r = await bendahara.get('/petugas/laporan');
  assert.equal(r.status, 200);
  assert.match(r.body, /href="\/petugas\/laporan"[^>]*>Laporan</);
  assert.equal(textOf(r.body, 'total-skrd'), '1');
  assert.equal(textOf(r.body, 'total-ditetapkan'), 'Rp 10.350.000');
  assert.equal(textOf(r.body, 'total-dibayar'), 'Rp 10.350.000');
  assert.match(r.body, /<td data-label="Jenis Izin">Persetujuan Bangunan Gedung \(PBG\)<\/td>/);
  assert.match(r.body, /<svg class="chart"[^>]*role="img"/);
  assert.equal((r.body.match(/<rect [^>]*class="bar-tetap"/g) || []).length, 12);
  assert.match(r.body, /<rect x="\d+" y="20" width="\d+" height="200" class="bar-tetap"><title>[^<]*Rp 10\.350\.000/);
  const csv = await bendahara.get(`/petugas/laporan/retribusi.csv?tahun=${year}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), new RegExp(`retribusi-${year}\\.csv`));
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'bulan,jenis_izin,skrd_ditetapkan,total_ditetapkan_rp,pembayaran,total_dibayar_rp');
  assert.match(lines[1], new RegExp(`^${year}-\\d\\d,Persetujuan Bangunan Gedung \\(PBG\\),1,10350000,1,10350000$`));
  // Another year is empty; a bad year is refused; another office sees none of it.
  r = await bendahara.get('/petugas/laporan?tahun=2001');
  assert.match(r.body, /Belum ada SKRD pada tahun ini/);
  assert.equal((await bendahara.get('/petugas/laporan?tahun=abc')).status, 400);
  const other = new Client(srv.url);
  await other.login('bendahara.muaraenim', DEMO_PASSWORD);
  assert.match((await other.get('/petugas/laporan')).body, /Belum ada SKRD/);
  const fo = new Client(srv.url);
  await fo.login('fo.pangkalpinang', DEMO_PASSWORD);
  assert.equal((await fo.get('/petugas/laporan')).status, 403);
  assert.equal((await fo.get('/petugas/laporan/retribusi.csv')).status, 403);
});
