// Inbox pages are kept per officer and filter (web/inbox_cache.c) while the instansi's
// inbox version (migration 022) stands: an unchanged inbox is answered from memory, and
// every change an inbox shows is there at the next page — an application written by SQL
// as an import would, the applicant's and the company's names, the jenis izin's name, an
// officer's claim and units — also when the change is made through another serve process
// on the same database; with LOKET_INBOX_CACHE=off nothing is kept.  (tests/integration/inbox-counts.test.mjs checks the counts after
// every kind of transition through the same kept pages.)  On SQLite and, with
// LOKET_TEST_PG_URL, PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, spawnServe, metricsOf } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { decode } from '../lib/permohonan.mjs';
import { submitSip, officer, act, checkAll } from '../lib/proses.mjs';

let srv, second, budi, fo;
const sql = (q) => srv.sql(q);

before(async () => {
  srv = await startServer({ env: { LOKET_METRICS: 'loopback' } });
  // The second process keeps no pages (LOKET_INBOX_CACHE=off): each is read afresh.
  second = await spawnServe({ ...srv.env, LOKET_INBOX_CACHE: 'off' });
  budi = await activeApplicant(srv, { step1: { username: 'budi.simpan', nama: 'Budi Simpan', email: 'budi.simpan@example.com' },
    step2: { no_identitas: '1971011508900057' } });
  fo = await officer(srv, 'fo.pangkalpinang');
});
after(async () => { await second?.stop(); await srv?.stop(); });

async function cacheCounts(url = srv.url) {
  const num = await metricsOf(url);
  return { hits: num('loket_inbox_cache_hits_total'), misses: num('loket_inbox_cache_misses_total') };
}
const inbox = async (q = '') => decode((await fo.get('/petugas/inbox' + q)).body);
const total = (body) => Number(body.match(/<p class="muted" role="status">(\d+) permohonan<\/p>/)[1]);

test('an unchanged inbox is answered from memory; every change shows at the next page', async () => {
  const app = await submitSip(budi);
  const first = await inbox();
  assert.match(first, new RegExp(app.nomor));
  const before = await cacheCounts();
  assert.equal(await inbox(), first, 'the same page again');
  const afterHit = await cacheCounts();
  assert.equal(afterHit.hits, before.hits + 1, 'the second read came from memory');
  assert.equal(afterHit.misses, before.misses);

  // The applicant's name, changed in the database.
  sql(`UPDATE account SET nama = 'Budi Simpan Ganti' WHERE username = 'budi.simpan'`);
  assert.match(await inbox(), /Budi Simpan Ganti/, 'the applicant’s new name');

  // The jenis izin's name: in the rows and the filter.
  sql(`UPDATE jenis_izin SET name = 'Surat Izin Praktik Dokter Umum' WHERE slug = 'sip-dokter'`);
  const renamed = await inbox();
  assert.match(renamed, /<option value="\d+"[^>]*>Surat Izin Praktik Dokter Umum<\/option>/, 'the filter’s new name');

  // An application written by SQL, as an import would: counted and listed at once.
  const was = total(await inbox());
  sql(`INSERT INTO permohonan (account_id, instansi_id, unit_id, jenis_izin_id, lokasi_nama, lokasi_alamat, status, nomor,
         workflow_id, submitted_at, current_position, current_role_key, current_step_name, current_due_at)
       SELECT account_id, instansi_id, unit_id, jenis_izin_id, 'Impor', 'Jl. Impor 1', 'diajukan', 'IMPOR/0001', workflow_id,
              submitted_at, current_position, current_role_key, current_step_name, current_due_at FROM permohonan WHERE id = ${app.id}`);
  const imported = await inbox();
  assert.equal(total(imported), was + 1, 'the imported application is counted');
  assert.match(imported, /IMPOR\/0001/);
  sql(`DELETE FROM permohonan WHERE nomor = 'IMPOR/0001'`);
  assert.equal(total(await inbox()), was, 'and gone when deleted');

  // The Admin hands it to this officer: the claim shows in the list.
  const admin = await officer(srv, 'admin.pangkalpinang');
  const me = sql(`SELECT id FROM account WHERE username = 'fo.pangkalpinang'`);
  const rowOf = async () => (await inbox()).split('<tr').find((r) => r.includes(app.nomor));
  assert.doesNotMatch(await rowOf(), />Anda</);
  assert.equal((await act(admin, app.id, 'alihkan', { petugas: me })).status, 303);
  assert.match(await rowOf(), />Anda</, 'claimed by this officer');

  // The officer's units: limited to a unit without applications, the inbox empties.
  sql(`INSERT INTO unit_kerja (instansi_id, slug, name) SELECT instansi_id, 'unit-simpan', 'Unit Simpan' FROM account WHERE username = 'fo.pangkalpinang'`);
  sql(`INSERT INTO account_unit (account_id, unit_id) SELECT a.id, u.id FROM account a, unit_kerja u
       WHERE a.username = 'fo.pangkalpinang' AND u.slug = 'unit-simpan'`);
  assert.equal(total(await inbox()), 0, 'nothing of another unit');
  sql(`DELETE FROM account_unit WHERE unit_id IN (SELECT id FROM unit_kerja WHERE slug = 'unit-simpan')`);
  assert.equal(total(await inbox()), was);
});

test('a step done through another serve process leaves this process’s inbox at its next page', async () => {
  const app = await submitSip(budi);
  assert.match(await inbox(), new RegExp(app.nomor));
  assert.match(await inbox(), new RegExp(app.nomor), 'kept');
  // The same officer, logged in on the second process, forwards it.
  const foB = await officer({ url: second.url }, 'fo.pangkalpinang');
  assert.equal((await act(foB, app.id, 'ambil')).status, 303);
  assert.equal((await checkAll(foB, app.id)).status, 303);
  assert.equal((await act(foB, app.id, 'teruskan')).status, 303);
  assert.doesNotMatch(await inbox(), new RegExp(app.nomor), 'gone from the first process’s inbox');
  for (let i = 0; i < 2; i++) assert.equal((await foB.get('/petugas/inbox')).status, 200);
  assert.deepEqual(await cacheCounts(second.url), { hits: 0, misses: 0 }, 'LOKET_INBOX_CACHE=off: no kept pages at all');
  const ver = await officer(srv, 'verifikator.pangkalpinang');
  assert.match(decode((await ver.get('/petugas/inbox')).body), new RegExp(app.nomor), 'in the verifikator’s');
});
