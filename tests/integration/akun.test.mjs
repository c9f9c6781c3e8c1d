// Log In, Log Out, throttling, CSRF, forced password change, Lupa Password and access
// between roles and instansi — against the real binary with a real SMTP server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer({ smtp: true }); });
after(async () => { await srv?.stop(); });

test('an officer logs in with username or email, regardless of case, and logs out', async () => {
  const c = new Client(srv.url);
  let r = await c.login('FO.Pangkalpinang', DEMO_PASSWORD);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/');
  const setCookie = r.headers.get('set-cookie');
  assert.match(setCookie, /sid=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Lax; HttpOnly/);
  const home = await c.get('/');
  assert.match(home.body, /Petugas Front Office/);
  assert.match(home.body, /Log Out/);
  const queue = await c.get('/petugas/registrasi');
  assert.equal(queue.status, 200);
  // Log Out is a POST with the CSRF token; afterwards the old session opens nothing.
  const csrf = home.body.match(/name="csrf" value="([^"]+)"/)[1];
  const oldSid = c.cookies.get('sid');
  r = await c.post('/logout', { csrf });
  assert.equal(r.status, 303);
  const replay = await fetch(srv.url + '/petugas/registrasi', { redirect: 'manual', headers: { cookie: `sid=${oldSid}` } });
  assert.equal(replay.status, 303);
  assert.match(replay.headers.get('location'), /^\/login\?next=/);

  const byEmail = new Client(srv.url);
  r = await byEmail.login('fo@muaraenim.demo.loket.id', DEMO_PASSWORD);
  assert.equal(r.status, 303);
});

test('the session is rotated at log-in', async () => {
  const c = new Client(srv.url);
  await c.csrf('/login');
  const before = c.cookies.get('sid');
  await c.login('verifikator.pangkalpinang', DEMO_PASSWORD);
  assert.ok(c.cookies.get('sid'));
  assert.notEqual(c.cookies.get('sid'), before);
});

test('a wrong password is refused, then attempts are slowed down', async () => {
  const c = new Client(srv.url);
  for (let i = 0; i < 3; i++) {
    const r = await c.login('teknis.pangkalpinang', 'salah-' + i);
    assert.equal(r.status, 401);
    assert.match(r.body, /Username\/email atau password salah/);
  }
  // The delay doubles with each further failure.  On a loaded machine a hash can outlast
  // the first (short) delay, so further wrong tries come first until one is told to wait;
  // by then the delay is seconds long, and the right password must wait too.
  let told = null;
  for (let i = 3; i < 8 && !told; i++) {
    const r = await c.login('teknis.pangkalpinang', 'salah-' + i);
    if (r.status === 429) told = r;
    else assert.equal(r.status, 401);
  }
  assert.ok(told, 'further failures are told to wait');
  const slowed = await c.login('teknis.pangkalpinang', DEMO_PASSWORD);
  assert.equal(slowed.status, 429, 'even the right password waits during the delay');
  assert.match(slowed.body, /Coba lagi dalam \d+ detik/);
  assert.ok(Number(slowed.headers.get('retry-after')) > 0);
});

test('an unknown user gets the same answer as a wrong password', async () => {
  const c = new Client(srv.url);
  const r = await c.login('tidak.ada', 'apa saja');
  assert.equal(r.status, 401);
  assert.match(r.body, /Username\/email atau password salah/);
  assert.match(r.body, /value="tidak.ada"/, 'what was typed is kept');
});

test("forms without the CSRF token, or with another session's token, change nothing", async () => {
  const a = new Client(srv.url), b = new Client(srv.url);
  const tokenA = await a.csrf('/login');
  await b.csrf('/login');
  let r = await b.post('/login', { username: 'fo.pangkalpinang', password: DEMO_PASSWORD });
  assert.equal(r.status, 403);
  r = await b.post('/login', { csrf: tokenA, username: 'fo.pangkalpinang', password: DEMO_PASSWORD });
  assert.equal(r.status, 403);
  assert.match(r.body, /kedaluwarsa atau tidak sah/);
  assert.equal((await b.get('/petugas/registrasi')).status, 303, 'still not logged in');
});

test('pages of officers and applicants need the right account', async () => {
  const anon = new Client(srv.url);
  for (const path of ['/petugas/registrasi', '/pemohon/profil', '/petugas/pengaturan', '/akun/password']) {
    const r = await anon.get(path);
    assert.equal(r.status, 303, path);
    assert.match(r.location, /^\/login\?next=/);
  }
  const kadis = new Client(srv.url);
  await kadis.login('kadis.pangkalpinang', DEMO_PASSWORD);
  assert.equal((await kadis.get('/petugas/registrasi')).status, 403, 'the signer does not approve registrations');
  assert.equal((await kadis.get('/petugas/pengaturan')).status, 403);
  assert.equal((await kadis.get('/pemohon/profil')).status, 403, 'an officer is not an applicant');
});

test('an officer created with `loket user add` must change the one-time password first', async () => {
  const r = loket(['user', 'add', '--instansi', 'kota-pangkalpinang', '--role', 'front_office,verifikator',
    '--username', 'petugas.baru', '--email', 'petugas.baru@example.go.id', '--nama', 'Petugas Baru'], srv.env);
  assert.equal(r.status, 0, r.stderr);
  const otp = r.stdout.match(/one-time password: (\S+)/)[1];
  const again = loket(['user', 'add', '--instansi', 'kota-pangkalpinang', '--role', 'front_office',
    '--username', 'PETUGAS.BARU', '--email', 'x@example.go.id', '--nama', 'Petugas Lain'], srv.env);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /already in use/);
  assert.match(loket(['user', 'add', '--instansi', 'kota-pangkalpinang', '--role', 'raja', '--username', 'x.y',
    '--email', 'x@y.id', '--nama', 'X Y'], srv.env).stderr, /--role: expected roles/);

  const c = new Client(srv.url);
  let res = await c.login('petugas.baru', otp);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/akun/password');
  const forced = await c.get('/akun/password');
  assert.doesNotMatch(forced.body, /name="password_lama"/, 'the one-time password just typed is not asked for again');
  const csrf = await c.csrf('/akun/password');
  res = await c.post('/akun/password', { csrf, password_baru: otp, password_ulang: otp });
  assert.equal(res.status, 400, 'the one-time password cannot become the new one');
  assert.match(res.body, /Password baru harus berbeda dari password lama/);
  res = await c.post('/akun/password', { csrf, password_lama: otp, password_baru: 'pendek', password_ulang: 'pendek' });
  assert.equal(res.status, 400);
  assert.match(res.body, /paling sedikit 8 karakter/);
  res = await c.post('/akun/password', { csrf, password_baru: 'sandi-baru-123', password_ulang: 'sandi-baru-123' });
  assert.equal(res.status, 303);
  // Once changed, a change asks for the current password again.
  assert.match((await c.get('/akun/password')).body, /name="password_lama"/);
  const fresh = new Client(srv.url);
  assert.equal((await fresh.login('petugas.baru', otp)).status, 401, 'the one-time password is gone');
  res = await fresh.login('petugas.baru', 'sandi-baru-123');
  assert.equal(res.location, '/');
});

test('Lupa Password: the link arrives by SMTP, opening it consumes nothing, using it twice fails', async () => {
  const c = new Client(srv.url);
  let csrf = await c.csrf('/lupa-password');
  let r = await c.post('/lupa-password', { csrf, email: 'Bendahara@Pangkalpinang.demo.loket.id' });
  assert.equal(r.status, 200);
  assert.match(r.body, /Jika email tersebut terdaftar/);
  r = await c.post('/lupa-password', { csrf, email: 'tidak.terdaftar@example.id' });
  assert.match(r.body, /Jika email tersebut terdaftar/, 'same answer for unknown addresses');

  const mail = await srv.waitForMail((m) => m.to.includes('bendahara@pangkalpinang.demo.loket.id'));
  const link = mail.body.match(/https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/)[0];
  const path = new URL(link).pathname + new URL(link).search;
  assert.equal((await c.get(path)).status, 200);
  const page = await c.get(path);
  assert.equal(page.status, 200, 'a GET (mail scanner) does not use the link up');
  csrf = page.body.match(/name="csrf" value="([^"]+)"/)[1];
  const token = new URL(link).searchParams.get('token');
  r = await c.post('/reset-password', { csrf, token, password_baru: 'bendahara-2026', password_ulang: 'bendahara-2026' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/login?pesan=password');
  const replay = await c.get(path);
  assert.equal(replay.status, 410);
  assert.match(replay.body, /sudah dipakai/);
  const ok = new Client(srv.url);
  assert.equal((await ok.login('bendahara.pangkalpinang', 'bendahara-2026')).status, 303);
  assert.equal((await new Client(srv.url).get('/reset-password?token=' + 'x'.repeat(43))).status, 404);
});

test('many failures from one address slow that address down, whatever the usernames', async () => {
  const c = new Client(srv.url);
  let last;
  for (let i = 0; i < 25; i++) last = await c.login('orang.' + i, 'salah');
  assert.equal(last.status, 429);
  assert.match(last.body, /Coba lagi dalam \d+ detik/);
});

test('a password hashed under earlier argon2id parameters still logs in and is hashed again under today’s', async () => {
  // From an address of its own: the test above slowed 127.0.0.1 down.
  // "Hash-Lama-2026" under m = 19 MiB, t = 2 (the earlier setting), as an older installation holds it.
  const old = '$argon2id$v=19$m=19456,t=2,p=1$GxbAd9DKV0PFj4HHP3+fSw$oH3498t8vbLLaxwQ/hL+7DWIVg8uGjTkjnOFOI3i10I';
  srv.sql(`UPDATE account SET password_hash = '${old}' WHERE username = 'teknis.muaraenim'`);
  const c = new Client(srv.url, { from: '127.0.0.41' });
  assert.equal((await c.login('teknis.muaraenim', 'Hash-Lama-2026')).status, 303, 'the old hash verifies');
  const now = srv.sql(`SELECT password_hash FROM account WHERE username = 'teknis.muaraenim'`);
  assert.match(now, /^\$argon2id\$v=19\$m=7168,t=5,p=1\$/, 'rehashed under m = 7 MiB, t = 5');
  const again = new Client(srv.url, { from: '127.0.0.41' });
  assert.equal((await again.login('teknis.muaraenim', 'Hash-Lama-2026')).status, 303, 'the new hash verifies');
  assert.equal((await new Client(srv.url, { from: '127.0.0.41' }).login('teknis.muaraenim', 'Hash-Lama-2025')).status, 401, 'a wrong password is still wrong');
  assert.equal(srv.sql(`SELECT password_hash FROM account WHERE username = 'teknis.muaraenim'`), now, 'hashed once');
});
