// The workflow runtime (issue 7, SPEC 4.10, 5.1–5.3) against the real binary, a real SMTP
// server and the database's own client: one SIP Dokter application through every step of
// its demo workflow with the demo officer of each role (inbox, Ambil, the officer's page
// with inline files, the requirement check, a perbaikan round by the applicant with a
// new document version and the SLA pause, tinjau lapangan, rekomendasi, Setujui at
// penetapan, tanda tangan, penyerahan), the applicant's mails and tracking following it,
// the signed permit issued at tanda tangan (tab Izin, /v/<code> valid), the audit trail;
// then bad input and abuse, and two officers acting at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { decode } from '../lib/permohonan.mjs';
import { submitSip, officer, berkas, act, checkAll, syaratIds, tinjau, ganti, kirimPerbaikan } from '../lib/proses.mjs';
import { verdictOf } from '../lib/izin.mjs';

let srv, budi;
const sql = (q) => srv.sql(q);
before(async () => {
  srv = await startServer({ smtp: true });
  // The offices start without signing keys (loket demo --without-permits): tanda tangan
  // needs one, and says so until it exists.
  srv.keys = () => { const k = loket(['keys', 'create', '--instansi', 'kota-pangkalpinang'], srv.env); assert.equal(k.status, 0, k.stderr); };
  budi = await activeApplicant(srv, { step1: { username: 'budi.proses', nama: 'Budi Proses', email: 'budi.proses@example.com' },
    step2: { no_identitas: '1971011508900031' } });
});
after(async () => { await srv?.stop(); });

const statusOf = (id) => sql(`SELECT status FROM permohonan WHERE id = ${id}`);
const currentStep = (id) => sql(`SELECT position || ' ' || role_key FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`);
const mailFor = (nomor, re) => srv.waitForMail((m) => m.to.includes('budi.proses@example.com') && m.subject.includes(nomor) && re.test(m.subject + '\n' + m.body));
let app;

test('one application through every step, one perbaikan round, mails and tracking following it', async () => {
  app = await submitSip(budi);
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
  r = await ganti(budi, id, ktp, { bytes: Buffer.from('MZ\x90\x00 not a pdf at all'), type: 'application/pdf', name: 'virus.pdf' });
  assert.equal(r.status, 400, 'a fake PDF is refused');
  assert.equal(sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${id} AND persyaratan_id = ${ktp}`), oldDoc, 'nothing changed');
  r = await ganti(budi, id, ktp);
  assert.equal(r.status, 303, r.body.slice(0, 300));
  const newDoc = sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${id} AND persyaratan_id = ${ktp}`);
  assert.notEqual(newDoc, oldDoc);
  assert.equal(sql(`SELECT replaces_id FROM dokumen WHERE id = ${newDoc}`), oldDoc, 'a new version of the old document');
  assert.equal(sql(`SELECT count(*) FROM dokumen WHERE id = ${oldDoc}`), '1', 'the old one is kept');
  // Data too: the Lokasi Izin, refused when empty, kept as typed.
  const csrf = (await budi.get(`/pemohon/permohonan/${id}/perbaikan`)).body.match(/name="csrf" value="([^"]+)"/)[1];
  r = await budi.post(`/pemohon/permohonan/${id}/perbaikan/data`, { csrf, lokasi_nama: ' ', lokasi_alamat: 'Jl. Baru No. 9' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Isi Nama Tempat/);
  assert.match(r.body, /Jl\. Baru No\. 9/, 'what was typed is kept');
  r = await budi.post(`/pemohon/permohonan/${id}/perbaikan/data`, { csrf, lokasi_nama: 'Klinik Sehat Bersama 2', lokasi_alamat: 'Jl. Baru No. 9' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT lokasi_nama FROM permohonan WHERE id = ${id}`), 'Klinik Sehat Bersama 2');
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
  r = await act(kadis, id, 'teruskan');
  assert.equal(r.status, 400, 'no signing key yet');
  assert.match(r.body, /belum memiliki kunci penandatangan aktif/);
  assert.equal(sql(`SELECT count(*) FROM izin WHERE permohonan_id = ${id}`), '0', 'nothing issued');
  srv.keys();
  assert.equal((await act(kadis, id, 'teruskan')).status, 303);
  // Tanda tangan issued the permit in the name of the officer who signed, before penyerahan.
  assert.equal(currentStep(id), '7 penyerahan');
  assert.equal(sql(`SELECT a.username FROM izin z JOIN account a ON a.id = z.signer_id WHERE z.permohonan_id = ${id}`),
    'kadis.pangkalpinang');
  const serah = await officer(srv, 'penyerahan.pangkalpinang');
  r = await act(serah, id, 'teruskan');
  assert.equal(r.status, 303);
  assert.match(r.location, /pesan=selesai/);
  assert.equal(statusOf(id), 'selesai');
  await mailFor(app.nomor, /selesai diproses/);

  // The permit: in the applicant's tab Izin, mailed, and /v/<code> says it is genuine and valid.
  const izinNomor = sql(`SELECT nomor FROM izin WHERE permohonan_id = ${id}`);
  assert.ok(izinNomor, 'one permit');
  const tab = (await budi.get('/pemohon/izin')).body;
  assert.ok(tab.includes(izinNomor), 'listed in Izin');
  assert.match(tab, /class="st st-izin-berlaku">Berlaku</);
  const terbit = await srv.waitForMail((m) => m.to.includes('budi.proses@example.com') && /telah terbit/.test(m.subject));
  const verifyUrl = terbit.body.match(/https?:\/\/\S+\/v\/\S+/)[0];
  const vpage = await (await fetch(verifyUrl)).text();
  assert.equal(verdictOf(vpage), 'berlaku', verifyUrl);
  assert.match(vpage, /Izin asli dan berlaku/);
  assert.ok(vpage.includes(izinNomor) && vpage.includes('Budi Proses'));

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

// A second officer with the same role (same password as the demo officers).
function addOfficer(username, like) {
  sql(`INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status, password_hash)
       SELECT 'petugas', '${username}', '${username}', '${username}@example.com', '${username}@example.com', 'Petugas ${username}',
              instansi_id, 'aktif', password_hash FROM account WHERE username = '${like}'`);
  sql(`INSERT INTO account_role (account_id, role_id) SELECT a.id, ar.role_id FROM account a, account_role ar
       JOIN account o ON o.id = ar.account_id WHERE a.username = '${username}' AND o.username = '${like}'`);
}

// What an action would change: the application's row, its history, the audit trail.
const snapshot = (id) => [sql(`SELECT status || ':' || version || ':' || COALESCE(claimed_by, 0) FROM permohonan WHERE id = ${id}`),
  sql(`SELECT count(*) FROM permohonan_event WHERE permohonan_id = ${id}`),
  sql(`SELECT count(*) FROM audit_log WHERE action <> 'permohonan.lihat'`)].join('|');

test('bad input and abuse: refused with a clear message, nothing changed', async () => {
  const a = await submitSip(budi);
  const id = a.id;
  const fo = await officer(srv, 'fo.pangkalpinang');
  const before = snapshot(id);

  // Another instansi's officer, and a role the step is not for: 403.
  const other = await officer(srv, 'fo.muaraenim');
  // The page of another instansi's application does not exist for them: they post blind.
  const csrfOther = (await other.get('/petugas/inbox')).body.match(/name="csrf" value="([^"]+)"/)[1];
  let r = await other.post(`/petugas/permohonan/${id}/aksi`, { csrf: csrfOther, versi: '0', tahap: '1', aksi: 'teruskan' });
  assert.equal(r.status, 403);
  assert.match(r.body, /milik instansi lain/);
  assert.equal((await other.get(`/petugas/permohonan/${id}`)).status, 404, 'another office’s application reads as not found');
  const tek = await officer(srv, 'teknis.pangkalpinang');
  r = await act(tek, id, 'teruskan');
  assert.equal(r.status, 403);
  assert.match(r.body, /bukan tugas peran Anda/);
  r = await act(tek, id, 'tolak', { alasan: 'Saya tidak berhak menolak ini.' });
  assert.equal(r.status, 403);
  assert.equal(snapshot(id), before, 'nothing changed');

  // A stale form (an old version), a step that is not current, a forged step, garbage.
  r = await act(fo, id, 'tolak', { alasan: 'Alasan yang panjang ini tetap ada.' }, { versi: '999' });
  assert.equal(r.status, 409);
  assert.match(r.body, /sudah diubah oleh petugas lain/);
  assert.match(r.body, />Alasan yang panjang ini tetap ada\.</, 'what was typed is kept');
  r = await act(fo, id, 'teruskan', {}, { tahap: '3' });
  assert.equal(r.status, 409);
  r = await act(fo, id, 'teruskan', {}, { tahap: '99999' });
  assert.equal(r.status, 400, 'a step number out of range');
  r = await act(fo, id, 'teruskan', {}, { tahap: "1' OR 1=1 --" });
  assert.equal(r.status, 400);
  r = await act(fo, id, 'meledak');
  assert.equal(r.status, 400);
  assert.match(r.body, /Tindakan tidak dikenal/);
  r = await fo.post(`/petugas/permohonan/${id}/aksi`, { versi: '0', tahap: '1', aksi: 'teruskan' });
  assert.equal(r.status, 403, 'no CSRF token');
  r = await fo.post(`/petugas/permohonan/abc/aksi`, { csrf: (await berkas(fo, id)).csrf, versi: '0', tahap: '1', aksi: 'teruskan' });
  assert.equal(r.status, 404);
  assert.equal(snapshot(id), before, 'still nothing changed');

  // Missing reasons and notes, forged requirement ids, a check without its note.
  r = await act(fo, id, 'tolak', { alasan: ' ' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Tulis alasannya/);
  r = await act(fo, id, 'kembalikan', { syarat: ['1'], catatan_1: '' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Tulis apa yang harus diperbaiki pemohon/);
  r = await act(fo, id, 'kembalikan', { syarat: ['987654'], catatan_987654: 'palsu' });
  assert.equal(r.status, 400);
  assert.match(r.body, /bukan bagian dari permohonan ini/);
  const pid = syaratIds((await berkas(fo, id)).body)[0];
  r = await act(fo, id, 'periksa', { syarat: [pid], [`cek_${pid}`]: 'tidak_sesuai', [`cek_note_${pid}`]: '' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Tulis catatan untuk persyaratan yang Tidak Sesuai/);
  r = await act(fo, id, 'periksa', { syarat: [pid], [`cek_${pid}`]: 'mungkin' });
  assert.equal(r.status, 400);
  r = await act(fo, id, 'kembali', { ke_tahap: '1', alasan_kembali: 'ulang dari awal' });
  assert.equal(r.status, 400, 'no earlier step than the first');
  r = await act(fo, id, 'rekomendasi', { rekomendasi: 'bukan tahapnya' });
  assert.equal(r.status, 400);
  assert.match(r.body, /tidak memiliki isian ini/);
  const hostile = '<script>alert(1)</script>"\'';
  r = await act(fo, id, 'tolak', { alasan: 'x'.repeat(1001) });
  assert.equal(r.status, 400, 'an over-long reason');
  r = await act(fo, id, 'teruskan', { catatan: hostile });
  assert.equal(r.status, 400);
  assert.ok(!r.body.includes('<script>alert(1)'), 'typed text is escaped');
  assert.equal(snapshot(id).split('|')[1], before.split('|')[1], 'no events were written');

  // The applicant: Kirim Perbaikan and a replacement for an application not returned.
  r = await kirimPerbaikan(budi, id);
  assert.equal(r.status, 409);
  assert.match(r.body, /tidak sedang menunggu perbaikan/);
  r = await ganti(budi, id, pid);
  assert.equal(r.status, 409);
  const csrfB = (await budi.get('/pemohon/profil')).body.match(/name="csrf" value="([^"]+)"/)[1];
  r = await budi.post(`/pemohon/permohonan/${id}/perbaikan/data`, { csrf: csrfB, lokasi_nama: 'Diubah', lokasi_alamat: 'Diubah' });
  assert.equal(r.status, 409, 'no data change outside perbaikan');
  const sari = await activeApplicant(srv, { step1: { username: 'sari.proses', nama: 'Sari Proses', email: 'sari.proses@example.com' },
    step2: { no_identitas: '1971015508900032', jenis_kelamin: 'P' } });
  assert.equal((await kirimPerbaikan(sari, id)).status, 404, 'another applicant’s application');
  assert.equal((await sari.get(`/pemohon/permohonan/${id}/perbaikan`)).status, 404);
  assert.equal((await budi.get(`/petugas/inbox`)).status, 403, 'an applicant has no inbox');
  assert.equal(statusOf(id), 'diajukan');

  // Tolak with a reason: refused, mailed, the rest of the workflow left.
  r = await act(fo, id, 'tolak', { alasan: 'Dokumen palsu.' });
  assert.equal(r.status, 303);
  assert.equal(statusOf(id), 'ditolak');
  const m = await mailFor(a.nomor, /ditolak/);
  assert.match(m.body, /Dokumen palsu\./);
  r = await act(fo, id, 'teruskan', {}, { versi: sql(`SELECT version FROM permohonan WHERE id = ${id}`), tahap: '1' });
  assert.equal(r.status, 409, 'a refused application does not move');
});

test('back to an earlier step with a reason; the Admin reassigns; the inbox filters and pages', async () => {
  const a = await submitSip(budi);
  const id = a.id;
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await checkAll(fo, id)).status, 303);
  assert.equal((await act(fo, id, 'teruskan')).status, 303);
  const ver = await officer(srv, 'verifikator.pangkalpinang');
  let r = await act(ver, id, 'kembali', { ke_tahap: '1', alasan_kembali: 'Cek ulang kelengkapan.' });
  assert.equal(r.status, 303);
  assert.equal(currentStep(id), '1 front_office');
  assert.equal(sql(`SELECT status FROM permohonan_step WHERE permohonan_id = ${id} AND position = 2`), 'menunggu');

  // Reassignment by the Admin Instansi to another front office officer.
  addOfficer('fo2.pangkalpinang', 'fo.pangkalpinang');
  const admin = await officer(srv, 'admin.pangkalpinang');
  const inbox = await admin.get('/petugas/inbox');
  assert.equal(inbox.status, 200);
  let p = await berkas(admin, id);
  const fo2id = sql(`SELECT id FROM account WHERE username = 'fo2.pangkalpinang'`);
  assert.match(p.body, new RegExp(`<option value="${fo2id}"`), 'the candidates hold the step’s role');
  r = await act(admin, id, 'alihkan', { petugas: fo2id });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT claimed_by FROM permohonan WHERE id = ${id}`), fo2id);
  r = await act(admin, id, 'alihkan', { petugas: sql(`SELECT id FROM account WHERE username = 'teknis.pangkalpinang'`) });
  assert.equal(r.status, 400, 'not someone without the role');
  r = await act(fo, id, 'teruskan', {}, { versi: sql(`SELECT version FROM permohonan WHERE id = ${id}`), tahap: '1' });
  assert.equal(r.status, 409, 'claimed by another');
  assert.match(r.body, /sedang dikerjakan oleh Petugas fo2\.pangkalpinang/);
  const fo2 = await officer(srv, 'fo2.pangkalpinang');
  let list = await fo2.get('/petugas/inbox?tampil=saya');
  assert.match(list.body, new RegExp(`/petugas/permohonan/${id}"`));
  list = await fo.get('/petugas/inbox?tampil=saya');
  assert.doesNotMatch(list.body, new RegExp(`/petugas/permohonan/${id}"`));
  list = await fo.get(`/petugas/inbox?q=${encodeURIComponent('budi PROSES')}`);
  assert.match(list.body, new RegExp(`/petugas/permohonan/${id}"`), 'text search on the name, any case');
  list = await fo.get(`/petugas/inbox?q=tidak-ada-yang-cocok`);
  assert.match(list.body, /Tidak ada permohonan di kotak masuk/);
  list = await fo.get(`/petugas/inbox?status=perbaikan&jenis_izin=abc&hal=-3&tampil=%3Cx%3E`);
  assert.equal(list.status, 200, 'bad filter values are ignored');

  // An officer limited to another unit of the same instansi: not in their inbox, 403 on acting.
  addOfficer('fo5.pangkalpinang', 'fo.pangkalpinang');
  sql(`INSERT INTO unit_kerja (instansi_id, slug, name) SELECT instansi_id, 'unit-lain', 'Unit Lain' FROM account WHERE username = 'fo.pangkalpinang'`);
  sql(`INSERT INTO account_unit (account_id, unit_id) SELECT a.id, u.id FROM account a, unit_kerja u WHERE a.username = 'fo5.pangkalpinang' AND u.slug = 'unit-lain'`);
  const fo5 = await officer(srv, 'fo5.pangkalpinang');
  list = await fo5.get('/petugas/inbox');
  assert.doesNotMatch(list.body, new RegExp(`/petugas/permohonan/${id}"`), 'another unit’s application is not in the inbox');
  sql(`UPDATE permohonan SET claimed_by = NULL WHERE id = ${id}`);
  r = await act(fo5, id, 'ambil', {}, { versi: sql(`SELECT version FROM permohonan WHERE id = ${id}`), tahap: '1' });
  assert.equal(r.status, 403);
  assert.match(r.body, /bukan dari unit kerja Anda/);
});

test('two officers press Teruskan on the same step at once: exactly one transition', async () => {
  const a = await submitSip(budi);
  const id = a.id;
  addOfficer('fo3.pangkalpinang', 'fo.pangkalpinang');
  const one = await officer(srv, 'fo.pangkalpinang');
  const two = await officer(srv, 'fo3.pangkalpinang');
  // Both checked by someone before: the requirement check done, unclaimed again.
  assert.equal((await checkAll(one, id)).status, 303);
  sql(`UPDATE permohonan SET claimed_by = NULL WHERE id = ${id}`);
  const [p1, p2] = [await berkas(one, id), await berkas(two, id)];
  assert.equal(p1.versi, p2.versi);
  const post = (c, p) => c.post(`/petugas/permohonan/${id}/aksi`, { csrf: p.csrf, versi: p.versi, tahap: p.tahap, aksi: 'teruskan', catatan: `oleh ${c.username}` });
  const results = await Promise.all([post(one, p1), post(two, p2)]);
  const codes = results.map((x) => x.status).sort();
  assert.deepEqual(codes, [303, 409], 'one wins, the other is told');
  const loser = results.find((x) => x.status === 409);
  assert.match(loser.body, /sudah diubah oleh petugas lain|sedang dikerjakan oleh/);
  assert.match(loser.body, /oleh fo/, 'the loser keeps the note typed');
  assert.equal(currentStep(id), '2 verifikator');
  assert.equal(sql(`SELECT count(*) FROM permohonan_event WHERE permohonan_id = ${id} AND kind = 'diteruskan'`), '1');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE object_id = ${id} AND action = 'permohonan.teruskan'`), '1');
  assert.equal(sql(`SELECT count(*) FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`), '1');
});

const stepNames = (id) => sql(`SELECT name FROM permohonan_step WHERE permohonan_id = ${id} ORDER BY position`).split('\n').join('|');

test('a workflow changed after Buat: the application in flight keeps its version, a new one takes the new', async () => {
  const a = await submitSip(budi);
  const before = stepNames(a.id);
  const wf = sql(`SELECT workflow_id FROM permohonan WHERE id = ${a.id}`);
  const v2 = sql(`INSERT INTO workflow (jenis_izin_id, jenis_permohonan, version) SELECT jenis_izin_id, jenis_permohonan, version + 1
    FROM workflow WHERE id = ${wf} RETURNING id`);
  sql(`INSERT INTO workflow_step (workflow_id, position, name, role_key, kind, sla_days) VALUES
    (${v2}, 1, 'Verifikasi berkas v2', 'verifikator', 'verifikasi_berkas', 2), (${v2}, 2, 'Penetapan v2', 'verifikator', 'penetapan', 1)`);
  assert.equal(stepNames(a.id), before,
    'in flight: unchanged');
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await checkAll(fo, a.id)).status, 303);
  assert.equal((await act(fo, a.id, 'teruskan')).status, 303, 'and it moves on along its own version');
  assert.equal(currentStep(a.id), '2 verifikator');
  const b = await submitSip(budi);
  assert.equal(stepNames(b.id),
    'Verifikasi berkas v2|Penetapan v2', 'a new application takes the newest version');
  assert.equal(currentStep(b.id), '1 verifikator');
});
