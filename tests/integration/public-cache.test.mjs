// Public pages rendered once per change of their data (issue 12, SPEC 8), against two
// `loket serve` processes on one database (SQLite, or PostgreSQL with LOKET_TEST_PG_URL):
// every cached page answers with an ETag and Cache-Control a browser or nginx can keep,
// 304 for an unchanged ETag, the same bytes gzip-compressed, per language; a visitor who
// is logged in gets their own header, never the anonymous copy, and does not leak into
// it; a requirement changed by Admin Instansi on one process and the office's contact on
// the other show at once on both, and the old ETag is answered with the new page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { startServer, spawnServe } from '../lib/harness.mjs';
import { Client } from '../lib/client.mjs';
import { officer, submitForm } from '../lib/admin.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';

const PAGES = ['/', '/katalog', '/katalog/kota-pangkalpinang', '/katalog/kota-pangkalpinang/sip-dokter', '/lacak',
  '/simulasi-tarif', '/cek-izin'];
const SIP = '/katalog/kota-pangkalpinang/sip-dokter';

let a, b;   // two serve processes on one database and data folder
before(async () => {
  a = await startServer();
  b = await spawnServe(a.env);
});
after(async () => {
  await b?.stop();
  await a?.stop();
});

const get = (srv, path, headers = {}) => fetch(srv.url + path, { headers, redirect: 'manual' });

test('every public page carries an ETag and a Cache-Control that lets it be kept; an unchanged ETag gets 304', async () => {
  for (const path of PAGES) {
    const first = await get(a, path);
    assert.equal(first.status, 200, path);
    const body = await first.text();
    const etag = first.headers.get('etag');
    assert.match(etag || '', /^W\/"[0-9a-f]{16}"$/, `${path}: ETag`);
    assert.equal(first.headers.get('cache-control'), 'public, no-cache', path);
    assert.match(first.headers.get('vary') || '', /Cookie/, `${path}: varies with the cookies (log-in, language)`);
    const again = await get(a, path);
    assert.equal(again.headers.get('etag'), etag, `${path}: the same page again`);
    assert.equal(await again.text(), body);
    const revalidated = await get(a, path, { 'if-none-match': etag });
    assert.equal(revalidated.status, 304, `${path}: revalidated`);
    assert.equal(await revalidated.text(), '');
    // The other process renders the very same bytes.
    const other = await get(b, path);
    assert.equal(await other.text(), body, `${path}: the same on both processes`);
    assert.equal(other.headers.get('etag'), etag);
  }
});

test('the compressed copy is the same page, and each language is kept apart', async () => {
  const raw = await new Promise((ok, fail) => {
    import('node:http').then(({ get: hget }) => hget(a.url + SIP, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => ok({ headers: res.headers, bytes: Buffer.concat(parts) }));
    }).on('error', fail));
  });
  assert.equal(raw.headers['content-encoding'], 'gzip');
  const plain = await (await get(a, SIP)).text();
  assert.equal(gunzipSync(raw.bytes).toString(), plain);
  assert.ok(raw.bytes.length < plain.length / 2, `compressed ${raw.bytes.length} of ${plain.length} bytes`);

  const en = await get(a, SIP, { cookie: 'lang=en' });
  const enBody = await en.text();
  assert.match(enBody, /<html lang="en"/);
  assert.notEqual(en.headers.get('etag'), (await get(a, SIP)).headers.get('etag'));
  assert.match(await (await get(a, SIP)).text(), /<html lang="id"/, 'the Indonesian copy is still Indonesian');
  // ?lang= is a query: rendered for that request, not kept under the plain address.
  assert.match(await (await get(a, SIP + '?lang=en')).text(), /<html lang="en"/);
  assert.match(await (await get(a, SIP)).text(), /<html lang="id"/);
});

test('a logged-in visitor gets their own header, and it never reaches the anonymous copy', async () => {
  const budi = await activeApplicant(a, { step1: { username: 'budi.cache', nama: 'Budi Cache', email: 'budi.cache@example.com' },
    step2: { no_identitas: '1971011508900077' } });
  for (const path of ['/', '/katalog', SIP]) {
    const mine = await budi.get(path);
    assert.equal(mine.status, 200);
    assert.match(mine.body, /Budi Cache/, `${path}: the applicant sees their name in the header`);
    assert.match(mine.body, /action="\/logout"/, `${path}: and Log Out`);
    const anon = await (await get(a, path)).text();
    assert.doesNotMatch(anon, /Budi Cache|action="\/logout"/, `${path}: the anonymous copy stays anonymous`);
    assert.match(anon, /href="\/login"/);
  }
  // An officer's Home is their inbox counts, not the public Home.
  const fo = await officer(a, 'verifikator.pangkalpinang');
  assert.doesNotMatch((await fo.get('/')).body, /Layanan perizinan dari/);
});

test('a requirement changed on one process and a contact on the other show at once on both; the old ETag gets the new page', async () => {
  const before = await get(b, SIP);
  const oldTag = before.headers.get('etag');
  await before.text();
  const admin = await officer(a);
  const sip = Number(a.sql(`SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id
    WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'sip-dokter'`));
  const path = `/petugas/admin/izin/${sip}/syarat`;
  const first = (await admin.get(path)).body.match(new RegExp(`href="(${path}/\\d+)"`))[1];
  const r = await submitForm(admin, (await admin.get(first)).body, first, { name: 'Fotokopi KTP dilegalisir lurah' });
  assert.equal(r.status, 303);
  for (const srv of [a, b]) {
    const page = await get(srv, SIP, { 'if-none-match': oldTag });
    assert.equal(page.status, 200, `${srv.url}: the old ETag no longer matches`);
    assert.match(await page.text(), /Fotokopi KTP dilegalisir lurah/, `${srv.url}: the change shows at once`);
    const en = await (await get(srv, SIP, { cookie: 'lang=en' })).text();
    assert.match(en, /Fotokopi KTP dilegalisir lurah/, `${srv.url}: in English too`);
  }

  // The office's contact, set on the other process, on Home of both.
  const other = await officer(b);
  const form = await other.get('/petugas/pengaturan');
  const csrf = form.body.match(/name="csrf" value="([^"]+)"/)[1];
  const saved = await other.post('/petugas/pengaturan', { csrf, call_center: '(0717) 555 123', whatsapp: '081299990000',
    jam_layanan: 'Senin–Jumat 08.00–15.00 WIB', alamat: 'Jl. Merdeka No. 2, Pangkalpinang' });
  assert.match(saved.body, /Pengaturan disimpan/);
  for (const srv of [a, b]) assert.match(await (await get(srv, '/')).text(), /\(0717\) 555 123/, `${srv.url}: Home shows the new number`);
});

test('a refused change leaves the kept pages as they were', async () => {
  const page = await get(a, SIP);
  const tag = page.headers.get('etag');
  await page.text();
  const admin = await officer(a);
  const form = await admin.get('/petugas/pengaturan');
  const csrf = form.body.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await admin.post('/petugas/pengaturan', { csrf, call_center: 'not a number', whatsapp: '', jam_layanan: '', alamat: '' });
  assert.doesNotMatch(r.body, /Pengaturan disimpan/);
  assert.equal((await get(a, SIP, { 'if-none-match': tag })).status, 304, 'nothing changed, so still 304');
  assert.equal((await get(b, SIP, { 'if-none-match': tag })).status, 304);
});
