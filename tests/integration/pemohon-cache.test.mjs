// The applicant's own pages — Profil dan Permohonan, a draft, a tracking page, the
// document locker and the companies — are kept
// per session (web/public_cache.c) while the applicant's version (migration 023), the
// public version and the day stand: an unchanged page is answered from memory, and every
// change the page shows is there at the next page, whoever makes it (the applicant's own
// save, an officer's action, SQL as an import or a repair would, another serve process
// on the same database).  A kept page never outlives its session and is never another
// session's; LOKET_PEMOHON_CACHE=off keeps nothing.  On SQLite and, with
// LOKET_TEST_PG_URL, PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, spawnServe, metricsOf } from '../lib/harness.mjs';
import { Client } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { decode, tambah, step } from '../lib/permohonan.mjs';
import { submitSip, officer, act, checkAll } from '../lib/proses.mjs';

let srv, second, budi, siti, app;
const sql = (q) => srv.sql(q);

before(async () => {
  srv = await startServer({ env: { LOKET_METRICS: 'loopback' } });
  second = await spawnServe({ ...srv.env });
  budi = await activeApplicant(srv, { step1: { username: 'budi.kept', nama: 'Budi Kept', email: 'budi.kept@example.com' },
    step2: { no_identitas: '1971011508900057' } });
  siti = await activeApplicant(srv, { step1: { username: 'siti.kept', nama: 'Siti Kept', email: 'siti.kept@example.com' },
    step2: { no_identitas: '1971011508900058' } });
  app = await submitSip(budi);
});
after(async () => { await second?.stop(); await srv?.stop(); });

async function counts(url = srv.url) {
  const num = await metricsOf(url);
  return { hits: num('loket_pemohon_cache_hits_total'), misses: num('loket_pemohon_cache_misses_total') };
}
const page = async (c, path) => {
  const r = await c.get(path);
  assert.equal(r.status, 200, `${path}: ${r.status} ${r.location || ''}`);
  return decode(r.body);
};
const lacak = () => `/pemohon/permohonan/${app.id}/lacak`;
// A new session of username, its Profil viewed twice: the page is kept for it.
async function keptSession(username, password) {
  const c = new Client(srv.url);
  assert.equal((await c.login(username, password)).status, 303, `a new session of ${username}`);
  await page(c, '/pemohon/profil');
  await page(c, '/pemohon/profil');
  return c;
}

test('an unchanged page is answered from memory, with a private ETag a browser can revalidate', async () => {
  for (const path of ['/pemohon/profil', lacak()]) {
    const first = await budi.get(path);
    assert.equal(first.status, 200);
    const was = await counts();
    const again = await budi.get(path);
    assert.equal(again.body, first.body, `${path}: the same page again`);
    const now = await counts();
    assert.equal(now.hits, was.hits + 1, `${path}: the second answer came from memory`);
    assert.equal(now.misses, was.misses);
    assert.equal(again.headers.get('cache-control'), 'private, no-cache', 'no shared cache may keep it');
    const etag = again.headers.get('etag');
    assert.match(etag || '', /^W\/"[0-9a-f]{16}"$/);
    const revalidated = await budi.get(path, { 'if-none-match': etag });
    assert.equal(revalidated.status, 304, 'a browser’s copy is confirmed without the page');
    assert.equal(revalidated.body, '');
  }
});

test('every change the pages show is there at the next page, whoever makes it', async () => {
  // The applicant's own save: a new draft is listed at once.
  const listed = (body) => Number(body.match(/(\d+) permohonan/)[1]);
  const before = listed(await page(budi, '/pemohon/profil'));
  const draft = await tambah(budi);
  assert.equal(listed(await page(budi, '/pemohon/profil')), before + 1, 'the new draft is counted');
  const draftPage = await page(budi, step(draft.path, 'permohonan'));
  assert.equal(await page(budi, step(draft.path, 'permohonan')), draftPage, 'the draft page is kept too');

  // The account, changed in the database: the name in the header.
  sql(`UPDATE account SET nama = 'Budi Kept Ganti' WHERE username = 'budi.kept'`);
  assert.match(await page(budi, '/pemohon/profil'), /Budi Kept Ganti/, 'the new name');

  // The profile row (the applicant's telephone on Profil).
  sql(`UPDATE pemohon_profile SET hp = '081299990000' WHERE account_id = (SELECT id FROM account WHERE username = 'budi.kept')`);
  assert.match(await page(budi, '/pemohon/profil'), /081299990000/, 'the new mobile number');

  // The document locker and the companies: rows changed or added by SQL.
  const me = `(SELECT id FROM account WHERE username = 'budi.kept')`;
  await page(budi, '/pemohon/dokumen');
  sql(`UPDATE dokumen SET nomor = 'DOK-KEPT-0001' WHERE id = (SELECT max(id) FROM dokumen WHERE account_id = ${me})`);
  assert.match(await page(budi, '/pemohon/dokumen'), /DOK-KEPT-0001/, 'the document’s new number');
  assert.doesNotMatch(await page(budi, '/pemohon/perusahaan'), /PT Kept Uji/);
  sql(`INSERT INTO perusahaan (account_id, nama, bentuk_usaha, alamat, provinsi_code, kabupaten_code, kecamatan_code, desa_code)
       SELECT account_id, 'PT Kept Uji', 'PT', 'Jl. Uji No. 1', provinsi_code, kabupaten_code, kecamatan_code, desa_code
       FROM pemohon_profile WHERE account_id = ${me}`);
  assert.match(await page(budi, '/pemohon/perusahaan'), /PT Kept Uji/, 'the new company');

  // A step of the application renamed by SQL, as a repair would: the tracking page.
  await page(budi, lacak());
  sql(`UPDATE permohonan_step SET name = 'Pemeriksaan Uji Simpan' WHERE permohonan_id = ${app.id} AND position = 1`);
  assert.match(await page(budi, lacak()), /Pemeriksaan Uji Simpan/, 'the step’s new name');

  // An officer's action through the pages: the history shows it.
  const fo = await officer(srv, 'fo.pangkalpinang');
  const events = (body) => (body.split('id="riwayat"')[1].match(/<td data-label="Waktu">/g) || []).length;
  const historyBefore = events(await page(budi, lacak()));
  await checkAll(fo, app.id);
  assert.equal((await act(fo, app.id, 'teruskan')).status, 303, 'Teruskan');
  const afterAction = await page(budi, lacak());
  assert.ok(events(afterAction) > historyBefore, 'the officer’s step is in the history');

  // Public data: a jenis izin renamed (the editor bumps the public version in its
  // transaction; here SQL does both).
  sql(`UPDATE jenis_izin SET name = 'Surat Izin Praktik Dokter Kept' WHERE slug = 'sip-dokter'`);
  sql(`UPDATE data_version SET version = version + 1 WHERE name = 'publik'`);
  assert.match(await page(budi, '/pemohon/profil'), /Surat Izin Praktik Dokter Kept/, 'the jenis izin’s new name');
  sql(`UPDATE jenis_izin SET name = 'Surat Izin Praktik Dokter' WHERE slug = 'sip-dokter'`);
  sql(`UPDATE data_version SET version = version + 1 WHERE name = 'publik'`);

  // A holiday moves the working-day clocks: the public version moves with it.
  const v = () => Number(sql(`SELECT version FROM data_version WHERE name = 'publik'`));
  const v0 = v();
  sql(`INSERT INTO hari_libur (instansi_id, tanggal, nama) SELECT id, '2027-01-04', 'Libur Uji' FROM instansi WHERE slug = 'kota-pangkalpinang'`);
  assert.equal(v(), v0 + 1, 'a new holiday moves the public version');
  sql(`DELETE FROM hari_libur WHERE nama = 'Libur Uji'`);
  assert.equal(v(), v0 + 2, 'and so does its removal');

  // A change made through another serve process on the same database.
  const elsewhere = new Client(second.url);
  elsewhere.cookies = new Map(budi.cookies);
  const listedHere = listed(await page(budi, '/pemohon/profil'));
  await tambah(elsewhere);
  assert.equal(listed(await page(budi, '/pemohon/profil')), listedHere + 1, 'the draft made through the other process');
});

test('a kept page never outlives its session and is never another session’s', async () => {
  // Another applicant asking for Budi's pages gets their own answer, never his kept page.
  await page(budi, lacak());
  await page(budi, lacak());
  assert.equal((await siti.get(lacak())).status, 404, 'another applicant’s application is not found');
  assert.doesNotMatch(await page(siti, '/pemohon/profil'), /Budi Kept/, 'Siti’s own list');

  // A session that ended by SQL (an operator's clean-up): the next page asks for a log-in.
  const c = await keptSession('budi.kept', budi.password);
  const hash = createHash('sha256').update(c.cookies.get('sid')).digest('hex');
  sql(`UPDATE session SET expires_at = 1 WHERE id_hash = '${hash}'`);
  const expired = await c.get('/pemohon/profil');
  assert.equal(expired.status, 303, 'an expired session gets no kept page');
  assert.match(expired.location, /^\/login/);

  // Log Out: the same cookie afterwards gets the log-in page, not the kept page.
  const d = await keptSession('budi.kept', budi.password);
  const cookie = d.cookies.get('sid');
  assert.equal((await d.post('/logout', { csrf: await d.csrf('/pemohon/profil') })).status, 303, 'Log Out');
  const replay = new Client(srv.url);
  replay.cookies.set('sid', cookie);
  const after = await replay.get('/pemohon/profil');
  assert.equal(after.status, 303, 'the old cookie gets no kept page after Log Out');
  assert.match(after.location, /^\/login/);

  // An account deactivated by an officer or by SQL: refused at the next page.
  const e = await keptSession('siti.kept', siti.password);
  sql(`UPDATE account SET status = 'nonaktif' WHERE username = 'siti.kept'`);
  assert.notEqual((await e.get('/pemohon/profil')).status, 200, 'a deactivated account gets no kept page');
});

test('LOKET_PEMOHON_CACHE=off keeps nothing', async () => {
  const off = await spawnServe({ ...srv.env, LOKET_PEMOHON_CACHE: 'off' });
  try {
    const c = new Client(off.url);
    c.cookies = new Map(budi.cookies);
    await page(c, '/pemohon/profil');
    await page(c, '/pemohon/profil');
    const n = await counts(off.url);
    assert.equal(n.hits, 0, 'nothing answered from memory');
    assert.equal(n.misses, 0, 'nothing kept');
  } finally {
    await off.stop();
  }
});
