// Pelayanan Loket, the counter service (SPEC 5.6), against the real binary and a real SMTP
// server: a Front Office officer registers a walk-in (the wizard's validators, the scan
// uploaded by the officer, no email round trip), prints the handover sheet or emails the
// one-time password, and enters an application for the applicant with scanned
// requirements and Buat; the applicant logs in, must change the password, and sees it.
// Bad input leaves nothing behind; another instansi's officer sees nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { Client } from '../lib/client.mjs';
import { officer, postWalkIn, registerWalkIn, printSheet, WALKIN } from '../lib/loket.mjs';
import { chooseSip, uploadAll, ticks, saveAll, buat, csrfOf, SIP_TEKNIS, LOKASI, step } from '../lib/permohonan.mjs';

let srv;
before(async () => { srv = await startServer({ smtp: true }); });
after(async () => { await srv?.stop(); });

const count = (sql) => Number(srv.sql(sql));
const pdfText = (bytes) => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-pdf-'));
  writeFileSync(join(dir, 'a.pdf'), bytes);
  return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
};
const passwordOn = (text) => text.match(/Password sementara\s+(\S+)/)[1];

async function changePassword(c, oldPw, newPw) {
  const csrf = csrfOf((await c.get('/akun/password')).body);
  const r = await c.post('/akun/password', { csrf, password_lama: oldPw, password_baru: newPw, password_ulang: newPw });
  assert.equal(r.status, 303, 'password changed: ' + r.body.slice(0, 300));
}

test('a walk-in is registered, gets the handover sheet, and an application entered for them follows the workflow', async () => {
  const fo = await officer(srv.url, 'fo.pangkalpinang');
  const home = await fo.get('/petugas/loket');
  assert.equal(home.status, 200);
  assert.match(home.body, /Pelayanan Loket/);
  assert.match(home.body, /href="\/petugas\/loket"/, 'the menu links the counter');

  const { path, id } = await registerWalkIn(fo);
  const page = await fo.get(path + '?terdaftar=1');
  assert.equal(page.status, 200);
  assert.match(page.body, /Rahmat Hidayat/);
  assert.match(page.body, /Pemohon terdaftar dan akunnya aktif/);
  assert.equal(srv.sql(`SELECT status FROM account WHERE id = ${id}`), 'aktif');
  assert.equal(srv.sql(`SELECT password_hash IS NULL FROM account WHERE id = ${id}`).replace('t', '1'), '1');
  assert.equal(count(`SELECT count(*) FROM account a JOIN account o ON o.id = a.registered_by WHERE a.id = ${id} AND o.username = 'fo.pangkalpinang'`), 1);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'akun.daftar_loket' AND object_id = ${id}`), 1);
  // No verification or "registration received" mail: the applicant is at the counter.
  assert.equal(srv.mails().filter((m) => m.to.includes('rahmat@example.com')).length, 0);

  const sheet = await printSheet(fo, path);
  assert.equal(sheet.status, 200);
  assert.equal(sheet.type, 'application/pdf');
  const text = pdfText(sheet.bytes);
  assert.match(text, /LEMBAR SERAH TERIMA AKUN PEMOHON/);
  assert.match(text, /rahmat\.hidayat/);
  assert.match(text, /Rahmat Hidayat/);
  const password = passwordOn(text);
  assert.equal(password.length, 12);
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'akun.password_loket' AND object_id = ${id}`), 1);
  // A reprint issues a new password: the first one stops working.
  const again = pdfText((await printSheet(fo, path)).bytes);
  const password2 = passwordOn(again);
  assert.notEqual(password2, password);

  // The application, entered by the officer with the scanned requirements.
  const csrf = csrfOf((await fo.get(path)).body);
  let r = await fo.post(`${path}/permohonan`, { csrf });
  assert.equal(r.status, 303);
  const draft = r.location;
  assert.match(draft, /^\/petugas\/loket\/permohonan\/\d+$/);
  const pid = Number(draft.split('/').pop());
  const draftPage = await fo.get(draft);
  assert.equal(draftPage.status, 200);
  const pemohonStep = await fo.get(step(draft, 'pemohon'));
  assert.match(pemohonStep.body, /Rahmat Hidayat/, 'the Pemohon step shows the applicant, not the officer');
  assert.doesNotMatch(pemohonStep.body, /Hapus draf ini/, 'Hapus is the applicant\'s own');
  assert.match(pemohonStep.body, /action="\/petugas\/loket\/permohonan\/\d+"/, 'the steps post to the counter');
  assert.doesNotMatch(draftPage.body, /Kabupaten Muara Enim<\/option>/, 'only the own instansi is offered');
  const chosen = await chooseSip(fo, draft);
  const docs = await uploadAll(fo, draft);
  const filled = (await fo.get(step(draft, 'persyaratan'))).body;
  r = await saveAll(fo, draft, { ...chosen, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...ticks(filled, docs) });
  assert.equal(r.status, 303, 'saved: ' + r.body.slice(0, 400));
  assert.match(r.location, /^\/petugas\/loket\/permohonan\/\d+\?langkah=/, 'a saved step stays at the counter');
  r = await buat(fo, draft);
  assert.equal(r.status, 200, 'Buat: ' + r.body.slice(0, 600));
  assert.match(r.body, /Permohonan Izin telah selesai dibuat/);
  const nomor = srv.sql(`SELECT nomor FROM permohonan WHERE id = ${pid}`);
  assert.ok(nomor, 'numbered');
  assert.equal(srv.sql(`SELECT status FROM permohonan WHERE id = ${pid}`), 'diajukan');
  assert.equal(count(`SELECT count(*) FROM permohonan p JOIN account o ON o.id = p.entered_by WHERE p.id = ${pid} AND o.username = 'fo.pangkalpinang'`), 1);
  assert.equal(count(`SELECT count(*) FROM permohonan_step WHERE permohonan_id = ${pid}`) > 0, true, 'the workflow started');
  assert.equal(count(`SELECT count(*) FROM dokumen d JOIN permohonan p ON p.account_id = d.account_id WHERE p.id = ${pid}`) >= Object.keys(docs).length, true,
    "the scans are in the applicant's locker");
  assert.ok(count(`SELECT count(*) FROM audit_log WHERE action = 'akun.lihat_loket' AND object_id = ${id}`) >= 1, 'views are recorded');
  for (const action of ['permohonan.lihat_loket', 'permohonan.tambah_loket', 'permohonan.unggah_loket', 'permohonan.simpan_loket', 'permohonan.buat_loket'])
    assert.ok(count(`SELECT count(*) FROM audit_log WHERE action = '${action}' AND object_id = ${pid}`) >= 1, action);
  const bukti = await fo.get(`${draft}/bukti`);
  assert.equal(bukti.status, 200);
  assert.equal(bukti.headers.get('content-type'), 'application/pdf');
  const mail = await srv.waitForMail((m) => m.to.includes('rahmat@example.com') && m.body.includes(nomor));
  assert.ok(mail, 'the applicant is told the number');
  assert.equal((await fo.get(draft)).location, `/petugas/permohonan/${pid}/lacak`, 'a submitted one goes to tracking');

  // The applicant: the old password is void, the sheet's works and must be changed.
  const p = new Client(srv.url);
  r = await p.login('rahmat.hidayat', password);
  assert.equal(r.status, 401, 'the first sheet no longer works');
  r = await p.login('rahmat.hidayat', password2);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/akun/password');
  await changePassword(p, password2, 'Rahasia-Baru-2026!');
  const profil = await p.get('/pemohon/profil');
  assert.equal(profil.status, 200);
  assert.ok(profil.body.includes(nomor), 'the applicant sees the application');
  const lacak = await p.get(`/pemohon/permohonan/${pid}/lacak`);
  assert.equal(lacak.status, 200);

  // Once the applicant chose a password, the counter cannot replace it.
  const refused = await printSheet(fo, path);
  assert.equal(refused.status, 409);
  assert.equal(srv.sql('SELECT 1').trim(), '1');
  const audit = execFileSync(join(process.cwd(), 'build/loket'), ['audit', 'verify'], { env: { ...process.env, ...srv.env }, encoding: 'utf8' });
  assert.match(audit, /audit chain OK/);
});

test('the one-time password can be emailed instead, and the applicant logs in with it', async () => {
  const fo = await officer(srv.url, 'fo.pangkalpinang');
  const { path, id } = await registerWalkIn(fo, { username: 'dewi.lestari', nama: 'Dewi Lestari', email: 'dewi@example.com',
    no_identitas: '1971014402910005', jenis_kelamin: 'P', tanggal_lahir: '1991-02-04' });
  const csrf = csrfOf((await fo.get(path)).body);
  const r = await fo.post(`${path}/email`, { csrf });
  assert.equal(r.status, 303);
  assert.equal(r.location, `${path}?terkirim=1`);
  const mail = await srv.waitForMail((m) => m.to.includes('dewi@example.com'));
  assert.match(mail.body, /berikut ini adalah informasi user anda/i);
  const password = mail.body.match(/[Pp]assword\s*:\s*(\S+)/)[1];
  const p = new Client(srv.url);
  const login = await p.login('dewi.lestari', password);
  assert.equal(login.status, 303);
  assert.equal(login.location, '/akun/password');
  assert.equal(count(`SELECT count(*) FROM audit_log WHERE action = 'akun.password_loket' AND object_id = ${id} AND detail = 'dikirim ke email'`), 1);
});

test('bad input is refused with a message and leaves no account behind', async () => {
  const fo = await officer(srv.url, 'fo.pangkalpinang');
  const accounts = () => count("SELECT count(*) FROM account WHERE kind = 'pemohon'");
  const before = accounts();

  // A missing field: the form comes back with the message and what was typed.
  let r = await postWalkIn(fo, { ...WALKIN, username: 'tanpa.nama', email: 'tanpa@example.com', no_identitas: '1971011203850099', nama: '', kode_pos: '123' });
  assert.equal(r.status, 400);
  assert.match(r.body, /href="#nama"/);
  assert.match(r.body, /href="#kode_pos"/, 'one page: the messages of every part at once');
  assert.match(r.body, /value="tanpa\.nama"/, 'what was typed is kept');
  // A fake scan: text with a .jpg name.
  r = await postWalkIn(fo, { ...WALKIN, username: 'scan.palsu', email: 'palsu@example.com', no_identitas: '1971011203850098' },
    { file: { bytes: Buffer.from('bukan gambar'), type: 'image/jpeg', name: 'ktp.jpg' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /href="#lampiran"/);
  // Hostile text is shown escaped, never run.
  r = await postWalkIn(fo, { ...WALKIN, username: 'x', nama: '<script>alert(1)</script>' });
  assert.equal(r.status, 400);
  assert.ok(!r.body.includes('<script>alert(1)</script>'));
  assert.ok(r.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.equal(accounts(), before, 'nothing stored');

  // A duplicate NIK and a duplicate username, against an account that exists.
  const first = await registerWalkIn(fo, { username: 'andi.wijaya', nama: 'Andi Wijaya', email: 'andi@example.com', no_identitas: '1971010101800006', tanggal_lahir: '1980-01-01' });
  assert.ok(first.id);
  const after1 = accounts();
  r = await postWalkIn(fo, { ...WALKIN, username: 'andi.lain', nama: 'Andi Lain', email: 'andi2@example.com', no_identitas: '1971010101800006', tanggal_lahir: '1980-01-01' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Nomor identitas ini sudah terdaftar/);
  r = await postWalkIn(fo, { ...WALKIN, username: 'andi.wijaya', nama: 'Andi W', email: 'andi3@example.com', no_identitas: '1971010101800007', tanggal_lahir: '1980-01-01' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Username sudah dipakai/);
  assert.equal(accounts(), after1, 'no second account');

  // A forged CSRF token changes nothing.
  r = await postWalkIn(fo, { ...WALKIN, username: 'tanpa.csrf', email: 'csrf@example.com', no_identitas: '1971011203850097' }, { csrf: 'palsu' });
  assert.equal(r.status, 403);
  assert.equal(accounts(), after1);
});

test("another instansi's officer can neither see nor change a walk-in or their application", async () => {
  const fo = await officer(srv.url, 'fo.pangkalpinang');
  const { path, id } = await registerWalkIn(fo, { username: 'budi.hartono', nama: 'Budi Hartono', email: 'budi.h@example.com', no_identitas: '1971011707750008', tanggal_lahir: '1975-07-17' });
  const csrf = csrfOf((await fo.get(path)).body);
  const draft = (await fo.post(`${path}/permohonan`, { csrf })).location;
  const other = await officer(srv.url, 'fo.muaraenim');
  const ocsrf = csrfOf((await other.get('/petugas/loket')).body);
  const drafts = count(`SELECT count(*) FROM permohonan WHERE account_id = ${id}`);
  assert.equal((await other.get(path)).status, 404);
  assert.equal((await other.get(draft)).status, 404);
  assert.equal((await other.post(`${path}/permohonan`, { csrf: ocsrf })).status, 404);
  assert.equal((await other.post(`${path}/lembar`, { csrf: ocsrf })).status, 404);
  assert.equal((await other.post(draft, { csrf: ocsrf, draft: '1', aksi: 'simpan', lokasi_nama: 'Diubah' })).status, 404);
  assert.equal((await other.post(`${draft}/buat`, { csrf: ocsrf })).status, 404);
  assert.equal(count(`SELECT count(*) FROM permohonan WHERE account_id = ${id}`), drafts);
  assert.equal(srv.sql(`SELECT password_hash IS NULL FROM account WHERE id = ${id}`).replace('t', '1'), '1');
  const found = await other.get('/petugas/loket?q=budi.hartono');
  assert.ok(!found.body.includes('Budi Hartono'), 'not found by search either');
  // The own officer finds them.
  assert.ok((await fo.get('/petugas/loket?q=1971011707750008')).body.includes('Budi Hartono'));
  // Officers without the Front Office role are refused.
  const ver = await officer(srv.url, 'verifikator.pangkalpinang');
  assert.equal((await ver.get('/petugas/loket')).status, 403);
  assert.equal((await ver.get(path)).status, 403);
  // An applicant's own online draft is not the counter's to edit.
  const own = srv.sql(`SELECT id FROM permohonan WHERE entered_by IS NULL LIMIT 1`);
  if (own) assert.equal((await fo.get(`/petugas/loket/permohonan/${own}`)).status, 404);
});
