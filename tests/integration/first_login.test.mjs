// Issue 9, defects 3 and 4: the one-time password opens only its own change (and Log
// Out), and `next=` on log-in and the language switch never leaves the site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant, JPEG } from '../lib/registrasi.mjs';

let srv;
before(async () => { srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off' } }); });
after(async () => { await srv?.stop(); });

test('until the emailed one-time password is changed, the session reaches only the change and Log Out', async () => {
  const me = await activeApplicant(srv, { keepOneTime: true });
  const rows = () => Number(srv.sql('SELECT (SELECT COUNT(*) FROM dokumen) + (SELECT COUNT(*) FROM perusahaan) + (SELECT COUNT(*) FROM permohonan)'));
  const before = rows();
  for (const path of ['/pemohon/profil', '/pemohon/dokumen', '/pemohon/perusahaan', '/pemohon/perusahaan/baru',
                      '/pemohon/permohonan/baru', '/pemohon/izin', '/pemohon/keluhan']) {
    const r = await me.get(path);
    assert.equal(r.status, 303, path);
    assert.equal(r.location, '/akun/password', path);
  }
  // Forms too, with a valid CSRF token: nothing is stored.
  const csrf = await me.csrf('/akun/password');
  const upload = new FormData();
  upload.set('csrf', csrf);
  upload.set('jenis', 'KTP');
  upload.set('berkas', new Blob([JPEG], { type: 'image/jpeg' }), 'ktp.jpg');
  for (const [path, body] of [['/pemohon/dokumen', upload], ['/pemohon/perusahaan/baru', { csrf, nama: 'CV Coba' }]]) {
    const r = await me.post(path, body);
    assert.equal(r.status, 303, path);
    assert.equal(r.location, '/akun/password', path);
  }
  assert.equal(rows(), before, 'no document, company or application was stored');
  // The change page itself works, and Log Out.
  const page = await me.get('/akun/password');
  assert.equal(page.status, 200);
  assert.match(page.body, /sekali pakai/);
  const r = await me.post('/akun/password', { csrf, password_lama: me.oneTime, password_baru: 'Baru-Sekali-2026', password_ulang: 'Baru-Sekali-2026' });
  assert.equal(r.status, 303);
  assert.equal((await me.get('/pemohon/profil')).status, 200, 'after the change every page opens');
  const out = await me.post('/logout', { csrf: await me.csrf('/pemohon/profil') });
  assert.equal(out.status, 303);
});

test('an officer created with a one-time password is held to the change as well', async () => {
  const { loket } = await import('../lib/harness.mjs');
  const made = loket(['user', 'add', '--instansi', 'kota-pangkalpinang', '--role', 'front_office', '--username', 'fo.baru',
                      '--email', 'fo.baru@example.com', '--nama', 'FO Baru'], srv.env);
  assert.equal(made.status, 0, made.stderr);
  const oneTime = (made.stdout + made.stderr).match(/password\S*\s*[:=]?\s*(\S{8,})/i)[1];
  const fo = new Client(srv.url);
  const r = await fo.login('fo.baru', oneTime);
  assert.equal(r.location, '/akun/password');
  assert.equal((await fo.get('/petugas/registrasi')).location, '/akun/password');
  const csrf = await fo.csrf('/akun/password');
  assert.equal((await fo.post('/logout', { csrf })).status, 303, 'Log Out works');
  assert.equal((await fo.get('/akun/password')).status, 303, 'logged out');
});

// Every character browsers strip or fold, raw and percent-encoded, and absolute and
// scheme-relative forms: each must come back as "/".
const HOSTILE = [
  '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '\t//evil.example', '/\\evil.example',
  '/%09/evil.example', '/%0a/evil.example', '/%0D/evil.example', '/%5c/evil.example', '/%5C%5Cevil.example',
  '/%2f/evil.example', '/%2F%2Fevil.example', '//evil.example', '///evil.example', '\\\\evil.example',
  'https://evil.example/', 'http:evil.example', '//evil.example/%2e%2e', 'javascript:alert(1)',
  ' /evil', '/ /evil.example', '/\x00/evil.example', '/\x0b/evil.example', '/\x7f/evil.example',
  '/\u3002evil.example', '/\ufeff/evil.example', '%2F%2Fevil.example', '',
];

test('the language switch and log-in follow next= only to paths on this site', async () => {
  for (const next of HOSTILE) {
    const r = await fetch(`${srv.url}/bahasa/en?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    if (r.status === 400) continue;   /* NUL: the address itself is refused */
    assert.equal(r.status, 303, JSON.stringify(next));
    assert.equal(r.headers.get('location'), '/', JSON.stringify(next));
  }
  for (const ok of ['/katalog', '/katalog?q=izin%20usaha', '/pemohon/permohonan/3/lacak', '/lacak?nomor=503%2F001']) {
    const r = await fetch(`${srv.url}/bahasa/id?next=${encodeURIComponent(ok)}`, { redirect: 'manual' });
    assert.equal(r.headers.get('location'), ok);
  }
  for (const next of HOSTILE.slice(0, 14)) {
    const c = new Client(srv.url);
    const r = await c.login('penyerahan.muaraenim', DEMO_PASSWORD, next);
    assert.equal(r.status, 303);
    assert.equal(r.location, '/', JSON.stringify(next));
    // The log-in form carries the way back as a hidden field: refused there too.
    const form = await c.get(`/login?next=${encodeURIComponent(next)}`);
    assert.doesNotMatch(form.body, /evil\.example/);
  }
  const c = new Client(srv.url);
  assert.equal((await c.login('penyerahan.muaraenim', DEMO_PASSWORD, '/katalog')).location, '/katalog');
});
