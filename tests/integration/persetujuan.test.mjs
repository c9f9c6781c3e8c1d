// From registration to the first log-in (SPEC 4.2–4.5) against the real binary and a real
// SMTP server: the Front Office queue, approve and reject, the verification link (a GET
// consumes nothing; replays and forged tokens fail), the credentials mail, the forced
// password change, auto-approval, and who may see what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { Pemohon, JPEG, MUARA_ENIM } from '../lib/registrasi.mjs';

let srv;
before(async () => { srv = await startServer({ smtp: true }); });
after(async () => { await srv?.stop(); });

async function officer(username) {
  const c = new Client(srv.url);
  const r = await c.login(username, DEMO_PASSWORD);
  assert.equal(r.status, 303, 'officer log-in');
  return c;
}

// The queue row of an applicant: its detail address.
async function findInQueue(fo, nama) {
  const q = await fo.get('/petugas/registrasi');
  assert.equal(q.status, 200);
  const row = q.body.split('<tr>').find((tr) => tr.includes(nama));
  assert.ok(row, `${nama} is in the queue`);
  return row.match(/href="(\/petugas\/registrasi\/\d+)"/)[1];
}

async function decide(fo, detail, action, fields = {}) {
  const page = await fo.get(detail);
  const csrf = page.body.match(/name="csrf" value="([^"]+)"/)[1];
  return fo.post(`${detail}/${action}`, { csrf, ...fields });
}

const linkIn = (mail, path) => {
  const m = mail.body.match(new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`));
  assert.ok(m, `a ${path} link in: ${mail.body}`);
  const u = new URL(m[0]);
  return { path: u.pathname + u.search, token: u.searchParams.get('token') };
};

test('the whole path: Registrasi Berhasil, approval, Verifikasi, credentials, first log-in', async () => {
  const p = new Pemohon(srv.url);
  await p.register({ username: 'siti.aminah', nama: 'Siti Aminah', email: 'siti@example.com' },
    { no_identitas: '1971015508900003', jenis_kelamin: 'P' });
  let mail = await srv.waitForMail((m) => m.to.includes('siti@example.com'));
  assert.match(mail.body, /Terima kasih telah melakukan pendaftaran\. Anda akan mendapatkan notifikasi jika pendaftaran anda telah disetujui\./);

  // Not yet approved: no log-in.
  const fo = await officer('fo.pangkalpinang');
  const detail = await findInQueue(fo, 'Siti Aminah');
  const page = await fo.get(detail);
  assert.match(page.body, /1971015508900003/);
  const img = page.body.match(/<img class="scan" src="([^"]+)"/)[1];
  const scan = await fo.get(img);
  assert.equal(scan.status, 200);
  assert.equal(scan.headers.get('content-type'), 'image/jpeg');
  const bytes = Buffer.from(await (await fetch(srv.url + img, { headers: { cookie: fo.cookieHeader() } })).arrayBuffer());
  assert.deepEqual(bytes, JPEG, 'the officer sees the very scan the applicant uploaded');

  let r = await decide(fo, detail, 'setujui');
  assert.equal(r.status, 303);
  assert.match((await fo.get(r.location)).body, /Registrasi disetujui/);
  assert.equal((await decide(fo, detail, 'setujui')).status, 409, 'deciding twice is refused');

  mail = await srv.waitForMail((m) => m.to.includes('siti@example.com') && /verifikasi pendaftaran/.test(m.body));
  assert.match(mail.body, /Hi Siti Aminah, klik link berikut ini untuk verifikasi pendaftaran anda/);
  const link = linkIn(mail, '/verifikasi');

  // A mail scanner opening the link consumes nothing.
  const visitor = new Client(srv.url);
  for (let i = 0; i < 2; i++) {
    const v = await visitor.get(link.path);
    assert.equal(v.status, 200);
    assert.match(v.body, /<button type="submit">Verifikasi<\/button>/);
  }
  const csrf = await visitor.csrf(link.path);
  r = await visitor.post('/verifikasi', { csrf, token: link.token });
  assert.equal(r.status, 200);
  assert.match(r.body, /Akun Anda sudah diverifikasi/);
  const replay = await visitor.post('/verifikasi', { csrf, token: link.token });
  assert.equal(replay.status, 410);
  assert.match(replay.body, /sudah dipakai/);
  assert.equal((await visitor.get(link.path)).status, 410);

  mail = await srv.waitForMail((m) => m.to.includes('siti@example.com') && /informasi user anda/.test(m.body));
  assert.match(mail.body, /Hi Siti Aminah, berikut ini adalah informasi user anda/);
  const username = mail.body.match(/Username\s*:\s*(\S+)/)[1];
  const password = mail.body.match(/Password\s*:\s*(\S+)/)[1];
  assert.equal(username, 'siti.aminah');

  const me = new Client(srv.url);
  r = await me.login(username, password);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/akun/password', 'the one-time password must be changed first');
  const form = await me.csrf('/akun/password');
  r = await me.post('/akun/password', { csrf: form, password_lama: password, password_baru: 'Siti-Aminah-2026', password_ulang: 'Siti-Aminah-2026' });
  assert.equal(r.status, 303);
  const home = await me.get('/');
  assert.match(home.body, /Layanan Pemohon/);
  assert.match(home.body, /Profil dan Permohonan/);
  assert.doesNotMatch(home.body, /Klik Registrasi Pemohon/, 'no registration steps for someone logged in');
  const profil = await me.get('/pemohon/profil');
  assert.equal(profil.status, 200);
  assert.match(profil.body, /Siti Aminah/);
  assert.match(profil.body, /1971015508900003/);
  // An applicant is no officer.
  assert.equal((await me.get('/petugas/registrasi')).status, 403);
  assert.equal((await me.get(detail)).status, 403);
});

test('a rejection is emailed with its reason, and the rejected applicant cannot log in', async () => {
  const p = new Pemohon(srv.url);
  await p.register({ username: 'ditolak.satu', nama: 'Andi Ditolak', email: 'andi@example.com' },
    { no_identitas: '1971011508900004' });
  const fo = await officer('fo.pangkalpinang');
  const detail = await findInQueue(fo, 'Andi Ditolak');
  let r = await decide(fo, detail, 'tolak', { alasan: '' });
  assert.equal(r.status, 400, 'a reason is required');
  assert.match(r.body, /Tulis alasan penolakan/);
  r = await decide(fo, detail, 'tolak', { alasan: 'Foto KTP tidak terbaca. Silakan daftar ulang dengan foto yang jelas.' });
  assert.equal(r.status, 303);
  const mail = await srv.waitForMail((m) => m.to.includes('andi@example.com') && /tidak terbaca/.test(m.body));
  assert.match(mail.body, /Foto KTP tidak terbaca/);
  const c = new Client(srv.url);
  r = await c.login('ditolak.satu', 'apa-saja-123');
  assert.equal(r.status, 401);
  // The username is free again for a new attempt.
  const again = new Pemohon(srv.url);
  await again.register({ username: 'ditolak.satu', nama: 'Andi Ditolak', email: 'andi@example.com' },
    { no_identitas: '1971011508900004' });
});

test('an applicant waiting for approval cannot log in yet', async () => {
  const p = new Pemohon(srv.url);
  await p.register({ username: 'masih.menunggu', nama: 'Rina Menunggu', email: 'rina@example.com' },
    { no_identitas: '1971014508900005', jenis_kelamin: 'P', tanggal_lahir: '1990-08-05' });
  const r = await new Client(srv.url).login('masih.menunggu', 'tebak-tebakan');
  assert.equal(r.status, 401, 'no password exists yet, so any password is wrong');
});

test('an officer of Pangkalpinang cannot see or decide Muara Enim registrations', async () => {
  const p = new Pemohon(srv.url);
  await p.register({ username: 'warga.muaraenim', nama: 'Dewi Muara', email: 'dewi@example.com', ...MUARA_ENIM.step1 },
    MUARA_ENIM.step2, MUARA_ENIM.step3);
  const foME = await officer('fo.muaraenim');
  const detail = await findInQueue(foME, 'Dewi Muara');
  const foPKP = await officer('fo.pangkalpinang');
  assert.doesNotMatch((await foPKP.get('/petugas/registrasi')).body, /Dewi Muara/);
  assert.equal((await foPKP.get(detail)).status, 404);
  assert.equal((await foPKP.get(detail + '/identitas')).status, 404);
  const csrf = await foPKP.csrf('/petugas/registrasi');
  const r = await foPKP.post(detail + '/setujui', { csrf });
  assert.equal(r.status, 404);
  assert.match((await foME.get(detail)).body, /Setujui/, 'still waiting for its own office');
});

const sql = (query) => srv.sql(query);

test('an expired verification link says so and verifies nothing', async () => {
  const p = new Pemohon(srv.url);
  await p.register({ username: 'link.kedaluwarsa', nama: 'Tono Terlambat', email: 'tono@example.com' },
    { no_identitas: '1971011508900008' });
  const fo = await officer('fo.pangkalpinang');
  await decide(fo, await findInQueue(fo, 'Tono Terlambat'), 'setujui');
  const mail = await srv.waitForMail((m) => m.to.includes('tono@example.com') && /verifikasi pendaftaran/.test(m.body));
  const link = linkIn(mail, '/verifikasi');
  sql("UPDATE email_token SET expires_at = 1 WHERE purpose = 'verifikasi' AND used_at IS NULL " +
      "AND account_id = (SELECT id FROM account WHERE username_lower = 'link.kedaluwarsa')");
  const c = new Client(srv.url);
  const page = await c.get(link.path);
  assert.equal(page.status, 410);
  assert.match(page.body, /kedaluwarsa/);
  const csrf = await c.csrf('/login');
  const r = await c.post('/verifikasi', { csrf, token: link.token });
  assert.equal(r.status, 410);
  assert.equal(sql("SELECT status FROM account WHERE username_lower = 'link.kedaluwarsa'"), 'disetujui');
});

test('forged, malformed and expired-looking verification tokens change nothing', async () => {
  const c = new Client(srv.url);
  for (const t of ['', 'abc', 'x'.repeat(43), "'; DROP TABLE account; --", 'x'.repeat(5000)]) {
    const r = await c.get('/verifikasi?token=' + encodeURIComponent(t));
    assert.equal(r.status, 404, t.slice(0, 10));
  }
  const csrf = await c.csrf('/login');
  const r = await c.post('/verifikasi', { csrf, token: 'y'.repeat(43) });
  assert.equal(r.status, 404);
  assert.match(r.body, /Tautan tidak dikenal/);
});

test('Admin Instansi can switch on automatic approval; registrations then get the link at once', async () => {
  const admin = await officer('admin.muaraenim');
  const form = await admin.get('/petugas/pengaturan');
  assert.equal(form.status, 200);
  const csrf = form.body.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await admin.post('/petugas/pengaturan', { csrf, auto_approve: '1' });
  assert.match(r.body, /checked/);
  assert.equal((await (await officer('fo.muaraenim')).get('/petugas/pengaturan')).status, 403, 'only Admin Instansi');

  const p = new Pemohon(srv.url);
  await p.register({ username: 'otomatis.disetujui', nama: 'Joko Otomatis', email: 'joko@example.com', ...MUARA_ENIM.step1 },
    { ...MUARA_ENIM.step2, no_identitas: '1603011508900006', jenis_kelamin: 'L' }, MUARA_ENIM.step3);
  const mail = await srv.waitForMail((m) => m.to.includes('joko@example.com') && /verifikasi pendaftaran/.test(m.body));
  assert.ok(linkIn(mail, '/verifikasi').token);
  assert.doesNotMatch((await (await officer('fo.muaraenim')).get('/petugas/registrasi')).body, /Joko Otomatis/);
});
