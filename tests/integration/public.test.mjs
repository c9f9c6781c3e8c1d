// Public pages against the real binary: Home, the catalogue, a permit type's page, blank
// forms, static assets, the language switch and response hygiene.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { firstVisitBytes } from '../lib/weight.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const get = (path, opts = {}) => fetch(srv.url + path, { redirect: 'manual', ...opts });

function assertSecurityHeaders(r) {
  const csp = r.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(r.headers.get('referrer-policy'));
}

// The size a phone downloads for a page: the HTML plus its stylesheet and scripts, as
// sent (gzip), the budget of issue 12 (tests/integration/page-weight.test.mjs crawls all).
const pageWeight = (path) => firstVisitBytes(srv.url, path);

test('Home says what the portal is and links to Log In and Registrasi Pemohon', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assertSecurityHeaders(r);
  const html = await r.text();
  assert.match(html, /<html lang="id">/);
  assert.match(html, /href="\/login"[^>]*>Log In</);
  assert.match(html, /href="\/registrasi"[^>]*>Registrasi Pemohon</);
  assert.match(html, /Kota Pangkalpinang/);
  assert.match(html, /Kabupaten Muara Enim/);
  assert.doesNotMatch(html, /<script/i, 'pages need no JavaScript');
});

test('the catalogue lists both demo offices with their permit types', async () => {
  const r = await get('/katalog');
  assert.equal(r.status, 200);
  const html = await r.text();
  for (const name of ['Surat Izin Praktik Dokter', 'Surat Izin Praktik Bidan', 'Surat Izin Praktik Apoteker',
    'Izin Reklame', 'Persetujuan Bangunan Gedung', 'Kota Pangkalpinang', 'Kabupaten Muara Enim']) {
    assert.ok(html.includes(name), `catalogue lists ${name}`);
  }
});

test('the catalogue search filters and escapes what was typed', async () => {
  let html = await (await get('/katalog?q=apoteker')).text();
  assert.match(html, /Surat Izin Praktik Apoteker/);
  assert.doesNotMatch(html, /Persetujuan Bangunan Gedung/);
  html = await (await get('/katalog?q=' + encodeURIComponent('<script>alert(1)</script>'))).text();
  assert.ok(!html.includes('<script>alert(1)</script>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.match(html, /Tidak ada jenis izin yang cocok/);
  const r = await get('/katalog?q=' + 'x'.repeat(300));
  assert.equal(r.status, 400);
  assert.match(await r.text(), /terlalu panjang/);
});

test('an office page lists only its own permit types', async () => {
  const r = await get('/katalog/kabupaten-muara-enim');
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /Kabupaten Muara Enim/);
  assert.doesNotMatch(html, /href="\/katalog\/kota-pangkalpinang\//);
  assert.equal((await get('/katalog/tidak-ada')).status, 404);
});

test('a jenis izin page shows requirements per jenis permohonan, SLA, cost and blank forms', async () => {
  const r = await get('/katalog/kota-pangkalpinang/sip-dokter');
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<h1>Surat Izin Praktik Dokter<\/h1>/);
  assert.match(html, /Permohonan Baru/);
  assert.match(html, /Perpanjangan/);
  assert.match(html, /\d+ hari kerja/);
  assert.match(html, /Gratis/);
  assert.match(html, /STR/);
  assert.match(html, /Wajib/);
  const form = html.match(/href="(\/formulir\/\d+)"/);
  assert.ok(form, 'a blank form is offered');
  const f = await get(form[1]);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'application/pdf');
  assert.match(f.headers.get('content-disposition'), /attachment; filename="[^"]+\.pdf"/);
  const bytes = Buffer.from(await f.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
});

test('a permit type with retribution shows its cost, not "gratis"', async () => {
  const html = await (await get('/katalog/kabupaten-muara-enim/pbg')).text();
  assert.match(html, /Persetujuan Bangunan Gedung/);
  assert.match(html, /Retribusi/);
  assert.match(html, /HSbg/);
  assert.doesNotMatch(html, /tidak dipungut biaya/);
});

test('Home, catalogue and jenis izin pages each weigh under 30 KB compressed with their CSS', async () => {
  for (const p of ['/', '/katalog', '/katalog/kota-pangkalpinang/sip-dokter', '/katalog/kabupaten-muara-enim/pbg']) {
    const w = await pageWeight(p);
    assert.ok(w < 30 * 1024, `${p} weighs ${w} bytes`);
  }
});

test('unknown pages get a 404 page and wrong methods a 405', async () => {
  const r = await get('/tidak/ada');
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assertSecurityHeaders(r);
  assert.match(await r.text(), /Halaman tidak ditemukan/);
  const p = await fetch(srv.url + '/katalog', { method: 'POST', body: 'a=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(p.status, 405);
  assert.match(p.headers.get('allow'), /GET/);
});

test('static assets carry validators and answer 304 when unchanged', async () => {
  const html = await (await get('/')).text();
  const css = html.match(/href="(\/static\/loket\.css\?v=[0-9a-f]+)"/)[1];
  const r = await get(css);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/css; charset=utf-8');
  assert.match(r.headers.get('cache-control'), /immutable/);
  const etag = r.headers.get('etag');
  assert.ok(etag);
  const again = await get(css, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await get('/static/../../etc/passwd')).status, 404);
});

test('the language switch turns the pages into English and refuses foreign redirects', async () => {
  const r = await get('/bahasa/en?next=/katalog');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/katalog');
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /lang=en/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const html = await (await get('/katalog', { headers: { cookie: 'lang=en' } })).text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /Service catalogue/);
  const evil = await get('/bahasa/en?next=//evil.example/');
  assert.equal(evil.headers.get('location'), '/');
  assert.equal((await get('/bahasa/fr')).status, 404);
});

test('text answers are gzip-compressed for clients that accept it', async () => {
  const { request } = await import('node:http');
  const res = await new Promise((ok) => request(srv.url + '/katalog', { headers: { 'accept-encoding': 'gzip' } }, ok).end());
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.match(res.headers.vary, /Accept-Encoding/);
  res.resume();
});

test('/healthz reports the database', async () => {
  const r = await get('/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'ok', database: 'ok' });
});
