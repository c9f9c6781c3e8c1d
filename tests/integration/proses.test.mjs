// The workflow runtime (issue 7, SPEC 4.10, 5.1–5.3) against the real binary, a real SMTP
// server and the database's own client: one SIP Dokter application through every step of
// its demo workflow with the demo officer of each role (inbox, Ambil, the officer's page
// with inline files, the requirement check, a perbaikan round by the applicant with a
// new document version and the SLA pause, tinjau lapangan, rekomendasi, Setujui at
// penetapan, tanda tangan, penyerahan), the applicant's mails and tracking following it,
// the audit trail; then bad input and abuse, and two officers acting at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { decode } from '../lib/permohonan.mjs';
import { submitSip, officer, berkas, act, checkAll, syaratIds, tinjau, ganti, kirimPerbaikan } from '../lib/proses.mjs';

let srv, budi;
const sql = (q) => srv.sql(q);
before(async () => {
  srv = await startServer({ smtp: true });
  budi = await activeApplicant(srv, { step1: { username: 'budi.proses', nama: 'Budi Proses', email: 'budi.proses@example.com' },
    step2: { no_identitas: '1971011508900031' } });
});
after(async () => { await srv?.stop(); });

const statusOf = (id) => sql(`SELECT status FROM permohonan WHERE id = ${id}`);
const currentStep = (id) => sql(`SELECT position || ' ' || role_key FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`);
const mailFor = (nomor, re) => srv.waitForMail((m) => m.to.includes('budi.proses@example.com') && m.subject.includes(nomor) && re.test(m.subject + '\n' + m.body));
let app, docs;

test('one application through every step, one perbaikan round, mails and tracking following it', async () => {
  app = await submitSip(budi);
  docs = app.docs;
  const id = app.id;
  const fo = await officer(srv, 'fo.pangkalpinang');

  // The officer home and the inbox: due date, said in words, nobody has it yet.
  let home = await fo.get('/');
  assert.equal(home.status, 200);
  assert.match(home.body, /<strong>1<\/strong> permohonan di kotak masuk/);
  assert.match(home.body, /href="\/petugas\/inbox"/, 'the menu of the role');
  let inbox = await fo.get('/petugas/inbox');
  assert.equal(inbox.status, 200);
  assert.ok(inbox.body.includes(app.nomor.replace(/&/g, '&amp;')) || inbox.body.includes(app.nomor), 'the application is in the FO inbox');
  assert.match(inbox.body, /Pemeriksaan kelengkapan berkas/);
  assert.match(inbox.body, /Tepat waktu/);
  assert.match(inbox.body, /Belum diambil/);
  const vinbox = await (await officer(srv, 'verifikator.pangkalpinang')).get('/petugas/inbox');
  assert.doesNotMatch(vinbox.body, new RegExp(`/petugas/permohonan/${id}"`), 'not yet the verifikator’s');

  // Ambil, the page, the inline files (each view audited).
  let r = await act(fo, id, 'ambil');
  assert.equal(r.status, 303);
  let p = await berkas(fo, id);
  assert.match(p.body, /Dikerjakan oleh: <strong>Anda<\/strong>/);
  assert.match(p.body, /Budi Proses/, 'the applicant’s data');
  assert.match(p.body, /Klinik Sehat Bersama/, 'data teknis and location');
  const files = [...p.body.matchAll(/<iframe class="scan-pdf" src="([^"]+)"/g)].map((m) => decode(m[1]));
  assert.ok(files.length >= 3, 'PDFs previewed inline');
  const viewsBefore = Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'dokumen.lihat'`));
  const f = await fetch(srv.url + files[0], { headers: { cookie: fo.cookieHeader() } });
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'application/pdf');
  assert.equal(f.headers.get('content-disposition'), 'inline');
  assert.equal(Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'dokumen.lihat'`)), viewsBefore + 1, 'the view is recorded');
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE action = 'permohonan.lihat' AND object_id = ${id}`)) >= 1);

  // Teruskan is refused until every wajib requirement is sesuai.
  r = await act(fo, id, 'teruskan', { catatan: 'lengkap' });
  assert.equal(r.status, 400);
  assert.match(r.body, /setiap persyaratan wajib harus diperiksa dan dinyatakan Sesuai/);
  assert.match(r.body, />lengkap</, 'what was typed is kept');
  assert.equal(currentStep(id), '1 front_office');
  r = await checkAll(fo, id);
  assert.equal(r.status, 303, 'the check is saved');
  r = await act(fo, id, 'teruskan');
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/petugas\/inbox\?pesan=diteruskan/);
  assert.equal(currentStep(id), '2 verifikator');
  assert.equal(statusOf(id), 'diproses');
  await mailFor(app.nomor, /Pemeriksaan kelengkapan berkas selesai[\s\S]*Verifikasi persyaratan/);

  // The verifikator finds the KTP unreadable and returns it to the applicant.
  const ver = await officer(srv, 'verifikator.pangkalpinang');
  p = await berkas(ver, id);
  const ids = syaratIds(p.body);
  const ktp = ids[0];
  const fields = { syarat: ids, catatan_umum: 'Mohon perbaiki berkas yang ditandai.' };
  fields[`catatan_${ktp}`] = 'Scan KTP buram, unggah ulang yang jelas.';
  r = await act(ver, id, 'kembalikan', fields);
  assert.equal(r.status, 303, r.body.slice(0, 300));
  assert.equal(statusOf(id), 'perbaikan');
  const m = await mailFor(app.nomor, /perlu perbaikan/);
  assert.match(m.body, /Scan KTP buram, unggah ulang yang jelas\./);

  // The applicant: Perlu perbaikan on the list and tracking, the note, a new version.
  let list = await budi.get('/pemohon/profil');
  assert.match(list.body, /Perlu perbaikan/);
  assert.match(list.body, new RegExp(`href="/pemohon/permohonan/${id}/perbaikan"`));
  let track = await budi.get(`/pemohon/permohonan/${id}/lacak`);
  assert.match(track.body, /Perlu perbaikan/);
  assert.match(track.body, /batas waktu ditangguhkan/);
  let page = await budi.get(`/pemohon/permohonan/${id}/perbaikan`);
  assert.equal(page.status, 200);
  assert.match(page.body, /Scan KTP buram, unggah ulang yang jelas\./);
  const oldDoc = sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${id} AND persyaratan_id = ${ktp}`);
  r = await ganti(budi, id, ktp);
  assert.equal(r.status, 303, r.body.slice(0, 300));
  const newDoc = sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${id} AND persyaratan_id = ${ktp}`);
  assert.notEqual(newDoc, oldDoc);
  assert.equal(sql(`SELECT replaces_id FROM dokumen WHERE id = ${newDoc}`), oldDoc, 'a new version of the old document');
  assert.equal(sql(`SELECT count(*) FROM dokumen WHERE id = ${oldDoc}`), '1', 'the old one is kept');
  r = await kirimPerbaikan(budi, id);
  assert.equal(r.status, 303);
  assert.equal(statusOf(id), 'diproses');
  assert.equal(currentStep(id), '2 verifikator', 'back to the step that returned it');
  r = await kirimPerbaikan(budi, id);
  assert.equal(r.status, 409, 'a second Kirim Perbaikan is refused');
  assert.match(r.body, /tidak sedang menunggu perbaikan/);

  // Verifikator checks again (the replaced file is unchecked) and forwards.
  r = await act(ver, id, 'teruskan');
  assert.equal(r.status, 400, 'the replaced requirement must be checked again');
  assert.equal((await checkAll(ver, id)).status, 303);
  assert.equal((await act(ver, id, 'teruskan')).status, 303);
  assert.equal(currentStep(id), '3 tim_teknis');

  // Tinjau lapangan: a date and a report first.
  const tek = await officer(srv, 'teknis.pangkalpinang');
  r = await act(tek, id, 'teruskan');
  assert.equal(r.status, 400);
  assert.match(r.body, /isi jadwal tinjau lapangan dan unggah laporannya/);
  r = await tinjau(tek, id);
  assert.equal(r.status, 303, r.body.slice(0, 300));
  p = await berkas(tek, id);
  const laporan = p.body.match(/href="(\/petugas\/permohonan\/\d+\/dokumen\/\d+)">laporan-tinjau\.pdf/);
  assert.ok(laporan, 'the report is linked');
  assert.equal((await fetch(srv.url + laporan[1], { headers: { cookie: tek.cookieHeader() } })).status, 200);
  assert.equal((await act(tek, id, 'teruskan')).status, 303);
  assert.equal(currentStep(id), '4 tim_teknis');
  r = await act(tek, id, 'teruskan');
  assert.equal(r.status, 400, 'a rekomendasi needs its text');
  assert.equal((await act(tek, id, 'rekomendasi', { rekomendasi: 'Memenuhi syarat teknis; direkomendasikan.' })).status, 303);
  assert.equal((await act(tek, id, 'teruskan')).status, 303);

  // Penetapan: Setujui (Teruskan is not offered there).
  assert.equal(currentStep(id), '5 verifikator');
  r = await act(ver, id, 'teruskan');
  assert.equal(r.status, 400);
  assert.match(r.body, /pilih Setujui atau Tolak/);
  assert.equal((await act(ver, id, 'setujui', { catatan: 'Disetujui.' })).status, 303);
  await mailFor(app.nomor, /disetujui/);
  const kadis = await officer(srv, 'kadis.pangkalpinang');
  assert.equal((await act(kadis, id, 'teruskan')).status, 303);
  const serah = await officer(srv, 'penyerahan.pangkalpinang');
  r = await act(serah, id, 'teruskan');
  assert.equal(r.status, 303);
  assert.match(r.location, /pesan=selesai/);
  assert.equal(statusOf(id), 'selesai');
  await mailFor(app.nomor, /selesai diproses/);

  track = await budi.get(`/pemohon/permohonan/${id}/lacak`);
  assert.equal((track.body.match(/class="step-done"/g) || []).length, 7, 'tracking: every step done');
  assert.match(track.body, /Dikembalikan ke pemohon untuk perbaikan/);
  assert.match(track.body, /Perbaikan diajukan kembali/);
  assert.match(track.body, /Permohonan disetujui/);

  // The audit trail holds every action and verifies; a row changed behind Loket's back is named.
  const actions = sql(`SELECT action FROM audit_log WHERE object_id = ${id} AND object_type = 'permohonan' ORDER BY id`).split('\n');
  for (const a of ['permohonan.ambil', 'persyaratan.periksa', 'permohonan.teruskan', 'permohonan.kembalikan',
    'permohonan.kirim_perbaikan', 'permohonan.tinjau_lapangan', 'permohonan.rekomendasi', 'permohonan.setujui', 'permohonan.lihat'])
    assert.ok(actions.includes(a), `audit ${a}`);
  let v = loket(['audit', 'verify'], srv.env);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const victim = sql(`SELECT id FROM audit_log WHERE action = 'permohonan.setujui' AND object_id = ${id}`);
  const original = sql(`SELECT detail FROM audit_log WHERE id = ${victim}`);
  sql(`UPDATE audit_log SET detail = 'diubah' WHERE id = ${victim}`);
  v = loket(['audit', 'verify'], srv.env);
  assert.notEqual(v.status, 0);
  assert.match(v.stdout + v.stderr, new RegExp(`\\b${victim}\\b`));
  sql(`UPDATE audit_log SET detail = '${original.replace(/'/g, "''")}' WHERE id = ${victim}`);
  assert.equal(loket(['audit', 'verify'], srv.env).status, 0, 'restored, the chain holds again');
});
