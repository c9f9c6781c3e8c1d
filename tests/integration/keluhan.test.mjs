// Keluhan (issue 13 item 5, SPEC 4.13) against the real binary with a real SMTP sink: an
// applicant files a complaint with an attachment about their application, the instansi's
// officers see it in their queue, answer (Diproses, then Selesai), the applicant is emailed,
// replies and reopens within 10 days (refused after); a public visitor files one with a name
// and email, confirms it through the emailed link (a GET alone does not) and follows the
// answers through the links of the mails.  Bad input, wrong files, other people's complaints
// and other offices are refused with nothing stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { PDF, decode } from '../lib/permohonan.mjs';
import { textOf } from '../lib/tarif.mjs';

let srv, budi, sari, fo;
before(async () => {
  srv = await startServer({ smtp: true });
  budi = await activeApplicant(srv, { step1: { username: 'budi.kel', nama: 'Budi Keluh', email: 'budi.kel@example.com' },
    step2: { no_identitas: '1971011508900041' } });
  sari = await activeApplicant(srv, { step1: { username: 'sari.kel', nama: 'Sari Keluh', email: 'sari.kel@example.com' },
    step2: { no_identitas: '1971015508900042', jenis_kelamin: 'P' } });
  fo = new Client(srv.url);
  assert.equal((await fo.login('fo.pangkalpinang', DEMO_PASSWORD)).status, 303);
});
after(async () => { await srv?.stop(); });

const csrfOf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];
const kelFiles = () => readdirSync(join(srv.dataDir, 'files')).filter((n) => n.startsWith('kel-'));

async function multipart(c, path, fields, file, pagePath = path) {
  const form = new FormData();
  form.append('csrf', csrfOf((await c.get(pagePath)).body));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('lampiran', new Blob([file.bytes], { type: file.type }), file.name);
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const res = await fetch(srv.url + path, { method: 'POST', redirect: 'manual', body: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: c.cookieHeader(), 'content-type': encoded.headers.get('content-type') } });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}
async function postForm(c, path, fields, pagePath = path) {
  return c.post(path, { csrf: csrfOf((await c.get(pagePath)).body), ...fields });
}

const ISI = 'Berkas saya sudah lengkap tetapi belum ada kabar selama dua minggu.';
let kid;

test('an applicant files a complaint; bad input is refused with nothing stored', async () => {
  let r = await budi.get('/pemohon/keluhan');
  assert.equal(r.status, 200);
  assert.match(r.body, /Belum ada keluhan/);
  assert.match(r.body, /<label for="kategori">Kategori/);
  const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 1)]);
  const cases = [
    [{ kategori: '', uraian: ISI }, null, /kategori-err">Pilih kategori keluhan/],
    [{ kategori: 'rahasia', uraian: ISI }, null, /kategori-err">Pilih kategori keluhan/],
    [{ kategori: 'waktu', uraian: 'pendek' }, null, /uraian-err">Tulis keluhan Anda, 10 sampai 4000 karakter/],
    [{ kategori: 'waktu', uraian: 'x'.repeat(4001) }, null, /uraian-err">/],
    [{ kategori: 'waktu', uraian: ISI, permohonan: '999999' }, null, /permohonan-err">Pilih permohonan Anda sendiri/],
    [{ kategori: 'waktu', uraian: ISI, permohonan: 'abc' }, null, /permohonan-err">/],
    [{ kategori: 'waktu', uraian: ISI }, { bytes: ELF, type: 'application/pdf', name: 'bukti.pdf' }, /lampiran-err">/],
    [{ kategori: 'waktu', uraian: ISI }, { bytes: Buffer.alloc(0), type: 'application/pdf', name: 'kosong.pdf' }, /lampiran-err">/],
  ];
  for (const [fields, file, msg] of cases) {
    r = await multipart(budi, '/pemohon/keluhan', fields, file);
    assert.equal(r.status, 400, JSON.stringify(fields).slice(0, 80));
    assert.match(r.body, msg);
  }
  assert.match(r.body, new RegExp(`>${ISI}</textarea>`), 'what was typed is kept');
  assert.equal(srv.sql('SELECT COUNT(*) FROM keluhan'), '0');
  assert.deepEqual(kelFiles(), []);
  r = await multipart(budi, '/pemohon/keluhan', { kategori: 'waktu', uraian: ISI + '\n<script>alert(1)</script>' },
    { bytes: PDF, type: 'application/pdf', name: 'tangkapan layar.pdf' });
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/pemohon\/keluhan\/\d+\?pesan=terkirim$/);
  kid = Number(r.location.split('/')[3].split('?')[0]);
  r = await budi.get(r.location);
  assert.match(r.body, /Keluhan terkirim/);
  assert.equal(textOf(r.body, 'keluhan-status'), 'Baru');
  assert.match(r.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.equal(kelFiles().length, 1);
});

test('officers see the queue, answer; the applicant is emailed, replies, the officer closes it', async () => {
  let r = await fo.get('/petugas/keluhan');
  assert.equal(r.status, 200);
  assert.match(r.body, />Baru \(1\)</);
  assert.match(r.body, new RegExp(`href="/petugas/keluhan/${kid}">KEL-0*${kid}<`));
  r = await fo.get(`/petugas/keluhan/${kid}`);
  assert.equal(r.status, 200);
  assert.match(r.body, /budi\.kel@example\.com/);
  const file = await fetch(`${srv.url}/petugas/keluhan/${kid}/lampiran`, { headers: { cookie: fo.cookieHeader() } });
  assert.equal(file.status, 200);
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PDF);
  // An answer needs text and a status.
  r = await postForm(fo, `/petugas/keluhan/${kid}`, { isi: '', status: 'diproses' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Tulis jawaban/);
  r = await postForm(fo, `/petugas/keluhan/${kid}`, { isi: 'Sedang kami periksa.', status: 'baru' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Pilih status/);
  r = await postForm(fo, `/petugas/keluhan/${kid}`, { isi: 'Berkas Anda sedang kami periksa di bagian verifikasi.', status: 'diproses' });
  assert.equal(r.status, 303);
  let mail = await srv.waitForMail((m) => m.to.includes('budi.kel@example.com') && /Keluhan KEL-/.test(m.subject));
  assert.match(mail.subject, /Diproses/);
  assert.match(mail.body, /sedang kami periksa di bagian verifikasi/);
  assert.match(mail.body, new RegExp(`${srv.url}/pemohon/keluhan/${kid}`));
  assert.notEqual(srv.sql(`SELECT first_answer_at FROM keluhan WHERE id = ${kid}`), '');

  r = await postForm(budi, `/pemohon/keluhan/${kid}`, { aksi: 'balas', isi: 'Terima kasih, saya tunggu.' });
  assert.equal(r.status, 303);
  r = await budi.get(`/pemohon/keluhan/${kid}`);
  assert.match(r.body, /Terima kasih, saya tunggu\./);
  assert.equal(textOf(r.body, 'keluhan-status'), 'Diproses');
  r = await postForm(fo, `/petugas/keluhan/${kid}`, { isi: 'Permohonan Anda sudah diverifikasi.', status: 'selesai' });
  assert.equal(r.status, 303);
  r = await budi.get(`/pemohon/keluhan/${kid}`);
  assert.equal(textOf(r.body, 'keluhan-status'), 'Selesai');
  assert.match(r.body, /Buka Kembali/);
  r = await postForm(budi, `/pemohon/keluhan/${kid}`, { aksi: 'balas', isi: 'Satu lagi.' });
  assert.equal(r.status, 409);
  assert.match(r.body, /sudah selesai; buka kembali/);
});

test('reopen within 10 days of Selesai, not after', async () => {
  let r = await postForm(budi, `/pemohon/keluhan/${kid}`, { aksi: 'buka', isi: '' });
  assert.equal(r.status, 400);
  r = await postForm(budi, `/pemohon/keluhan/${kid}`, { aksi: 'buka', isi: 'Nomor izin belum terbit.' });
  assert.equal(r.status, 303);
  r = await budi.get(r.location);
  assert.match(r.body, /Keluhan dibuka kembali/);
  assert.equal(textOf(r.body, 'keluhan-status'), 'Diproses');
  r = await postForm(fo, `/petugas/keluhan/${kid}`, { isi: 'Izin sudah terbit hari ini.', status: 'selesai' });
  assert.equal(r.status, 303);
  const old = new Date(Date.now() - 11 * 86400e3).toISOString().slice(0, 19) + 'Z';
  srv.sql(`UPDATE keluhan SET selesai_at = '${old}' WHERE id = ${kid}`);
  r = await budi.get(`/pemohon/keluhan/${kid}`);
  assert.doesNotMatch(r.body, /Buka Kembali/);
  assert.match(r.body, /lebih dari 10 hari/);
  r = await postForm(budi, `/pemohon/keluhan/${kid}`, { aksi: 'buka', isi: 'Masih bermasalah.' }, `/pemohon/keluhan`);
  assert.equal(r.status, 409);
  assert.match(r.body, /dalam 10 hari setelah selesai/);
  assert.equal(srv.sql(`SELECT status FROM keluhan WHERE id = ${kid}`), 'selesai');
});

test('another applicant, another office, no session: nothing of it', async () => {
  assert.equal((await sari.get(`/pemohon/keluhan/${kid}`)).status, 404);
  assert.equal((await sari.get(`/pemohon/keluhan/${kid}/lampiran`)).status, 404);
  const r = await postForm(sari, `/pemohon/keluhan/${kid}`, { aksi: 'balas', isi: 'Bukan keluhan saya.' }, '/pemohon/keluhan');
  assert.equal(r.status, 404);
  assert.doesNotMatch((await sari.get('/pemohon/keluhan')).body, /KEL-/);
  const other = new Client(srv.url);
  await other.login('fo.muaraenim', DEMO_PASSWORD);
  assert.equal((await other.get(`/petugas/keluhan/${kid}`)).status, 404);
  assert.doesNotMatch((await other.get('/petugas/keluhan')).body, /KEL-/);
  const csrf = csrfOf((await other.get('/petugas/keluhan')).body);
  assert.equal((await other.post(`/petugas/keluhan/${kid}`, { csrf, isi: 'x', status: 'selesai' })).status, 404);
  assert.equal((await new Client(srv.url).get(`/petugas/keluhan/${kid}`)).status, 303);
  assert.equal((await fo.post(`/petugas/keluhan/${kid}`, { isi: 'x', status: 'selesai' })).status, 403, 'no CSRF token');
  assert.equal(srv.sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'keluhan' AND action = 'keluhan.jawab'`), '3');
  assert.ok(Number(srv.sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'keluhan.lihat'`)) >= 1);
});

test('a public visitor files a complaint, confirms it by the emailed link and follows the answers', async () => {
  const visitor = new Client(srv.url);
  let r = await visitor.get('/');
  assert.match(r.body, /href="\/keluhan"[^>]*>Keluhan</);
  r = await visitor.get('/keluhan');
  assert.equal(r.status, 200);
  const instansi = r.body.match(/<option value="(\d+)">[^<]*Kota Pangkalpinang</)[1];
  r = await multipart(visitor, '/keluhan', { nama: 'Wati', email: 'bukan email', instansi, kategori: 'pelayanan', uraian: ISI });
  assert.equal(r.status, 400);
  assert.match(r.body, /email-err">Isi alamat email yang benar/);
  r = await multipart(visitor, '/keluhan', { nama: 'Wati', email: 'wati@example.com', instansi: '999', kategori: 'pelayanan', uraian: ISI });
  assert.match(r.body, /instansi-err">Pilih instansi/);
  r = await multipart(visitor, '/keluhan', { nama: 'Wati', email: 'wati@example.com', instansi, kategori: 'pelayanan', uraian: 'Antrean loket sangat panjang.' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/keluhan?pesan=periksa-email');
  assert.match((await visitor.get(r.location)).body, /Buka link yang kami kirim ke email Anda/);
  const mail = await srv.waitForMail((m) => m.to.includes('wati@example.com') && /Verifikasi Keluhan/.test(m.subject));
  const link = mail.body.match(/(http:\/\/\S+\/keluhan\/lihat\?t=[\w-]+)/)[1];
  const path = link.slice(srv.url.length);
  const token = path.split('t=')[1];
  // Not in the queue until confirmed; a GET (a mail scanner) does not confirm.
  assert.doesNotMatch((await fo.get('/petugas/keluhan')).body, /Wati/);
  r = await visitor.get(path);
  assert.equal(textOf(r.body, 'keluhan-status'), 'Menunggu verifikasi email');
  assert.doesNotMatch((await fo.get('/petugas/keluhan')).body, /Wati/);
  r = await visitor.post('/keluhan/lihat', { csrf: csrfOf(r.body), t: token, aksi: 'verifikasi' });
  assert.equal(r.status, 303);
  r = await visitor.get(r.location);
  assert.match(r.body, /Keluhan terkirim/);
  assert.equal(textOf(r.body, 'keluhan-status'), 'Baru');
  const pid = Number(srv.sql(`SELECT id FROM keluhan WHERE email = 'wati@example.com'`));
  assert.match((await fo.get('/petugas/keluhan')).body, /Wati/);
  r = await postForm(fo, `/petugas/keluhan/${pid}`, { isi: 'Mohon maaf, loket kedua kami buka mulai besok.', status: 'diproses' });
  assert.equal(r.status, 303);
  const answer = await srv.waitForMail((m) => m.to.includes('wati@example.com') && /Keluhan KEL-/.test(m.subject));
  const link2 = decode(answer.body.match(/(http:\/\/\S+\/keluhan\/lihat\?t=[\w-]+)/)[1]);
  assert.notEqual(link2, link, 'a new link in the answer');
  r = await visitor.get(link2.slice(srv.url.length));
  assert.match(r.body, /loket kedua kami buka mulai besok/);
  r = await visitor.post('/keluhan/lihat', { csrf: csrfOf(r.body), t: link2.split('t=')[1], aksi: 'balas', isi: 'Terima kasih.' });
  assert.equal(r.status, 303);
  assert.match((await visitor.get(path)).body, /Terima kasih\./, 'the first link still opens it');
  // Unknown and forged links.
  assert.equal((await visitor.get('/keluhan/lihat?t=' + 'A'.repeat(43))).status, 404);
  assert.equal((await visitor.get('/keluhan/lihat')).status, 404);
  r = await visitor.post('/keluhan/lihat', { csrf: csrfOf((await visitor.get('/keluhan')).body), t: 'x', aksi: 'balas', isi: 'hai' });
  assert.equal(r.status, 404);
});

test('an unconfirmed public complaint expires after 48 hours', async () => {
  const v = new Client(srv.url);
  const instansi = (await v.get('/keluhan')).body.match(/<option value="(\d+)">[^<]*Kota Pangkalpinang</)[1];
  const r = await multipart(v, '/keluhan', { nama: 'Joko', email: 'joko@example.com', instansi, kategori: 'lainnya', uraian: 'Parkir kantor penuh setiap pagi.' });
  assert.equal(r.status, 303);
  const mail = await srv.waitForMail((m) => m.to.includes('joko@example.com'));
  const token = mail.body.match(/\/keluhan\/lihat\?t=([\w-]+)/)[1];
  const old = new Date(Date.now() - 49 * 3600e3).toISOString().slice(0, 19) + 'Z';
  srv.sql(`UPDATE keluhan SET created_at = '${old}' WHERE email = 'joko@example.com'`);
  const page = await v.get('/keluhan/lihat?t=' + token);
  const res = await v.post('/keluhan/lihat', { csrf: csrfOf(page.body), t: token, aksi: 'verifikasi' });
  assert.equal(res.status, 410);
  assert.match(res.body, /sudah kedaluwarsa/);
  assert.equal(srv.sql(`SELECT status FROM keluhan WHERE email = 'joko@example.com'`), 'belum_verifikasi');
});

test('the complaints report: per category with the time to the first answer, a chart and CSV', async () => {
  // Budi's complaint was answered 2 hours after filing, Wati's 5 hours after confirming.
  const at = (h) => new Date(Date.now() - 24 * 3600e3 + h * 3600e3).toISOString().slice(0, 19) + 'Z';
  srv.sql(`UPDATE keluhan SET created_at = '${at(0)}', verified_at = '${at(0)}', first_answer_at = '${at(2)}' WHERE id = ${kid}`);
  srv.sql(`UPDATE keluhan SET verified_at = '${at(1)}', first_answer_at = '${at(6)}' WHERE email = 'wati@example.com'`);
  const admin = new Client(srv.url);
  await admin.login('admin.pangkalpinang', DEMO_PASSWORD);
  const r = await admin.get('/petugas/laporan');
  assert.equal(r.status, 200);
  assert.equal(textOf(r.body, 'keluhan-jumlah'), '2', 'the unconfirmed one is not counted');
  assert.equal(textOf(r.body, 'keluhan-rata'), '3,5 jam');
  assert.match(r.body, /<td data-label="Kategori">Waktu penyelesaian<\/td><td data-label="Jumlah" class="num">1<\/td><td data-label="Dijawab" class="num">1<\/td><td data-label="Selesai" class="num">1<\/td><td data-label="Rata-rata sampai jawaban pertama" class="num">2,0 jam<\/td>/);
  assert.equal((r.body.match(/class="bar-keluhan"/g) || []).length, 6);
  const year = new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
  const csv = await admin.get(`/petugas/laporan/keluhan.csv?tahun=${year}`);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'kategori,jumlah,dijawab,selesai,rata_jam_jawaban_pertama,maks_jam_jawaban_pertama');
  assert.ok(lines.includes('Pelayanan petugas,1,1,0,5.0,5.0'), lines.join(' | '));
  assert.ok(lines.includes('Waktu penyelesaian,1,1,1,2.0,2.0'), lines.join(' | '));
  assert.ok(lines.includes('Lainnya,0,0,0,,'), lines.join(' | '));
});
