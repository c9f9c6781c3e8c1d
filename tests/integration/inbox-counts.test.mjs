// The officers' inbox counts (issue 7, SPEC 5.1) are kept by triggers (migration 017)
// rather than counted per page: they must never drift.  Applications are moved through
// every kind of change — the demo's own, Buat, Ambil, the Admin's reassignment, Teruskan,
// Kembalikan ke pemohon and Kirim Perbaikan, back to an earlier step, Tolak, Setujui,
// tanda tangan (issuance), the last step, a draft deleted, rows written by SQL as an import
// would, a due date moved into the past — and after each, what every officer's home and
// inbox show (open, overdue, claimed by me, per step with its overdue) is compared with a
// fresh COUNT(*) of the applications that officer may see.  Then the kept table is
// damaged by hand: `loket inbox check` names the group, `loket inbox rebuild` mends it.
// On SQLite and, with LOKET_TEST_PG_URL, PostgreSQL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { decode, tambah, csrfOf } from '../lib/permohonan.mjs';
import { DEMO_TTE_PASSPHRASE } from '../lib/izin.mjs';
import { submitSip, officer, berkas, act, checkAll, syaratIds, tinjau, ganti, kirimPerbaikan } from '../lib/proses.mjs';

let srv, budi;
const sql = (q) => srv.sql(q);
const officers = {};
// Who looks: one officer per role of Pangkalpinang, its Admin (sees every step), an
// officer limited to another unit, and Muara Enim's front office (another instansi).
const WHO = ['fo.pangkalpinang', 'verifikator.pangkalpinang', 'teknis.pangkalpinang', 'kadis.pangkalpinang',
  'penyerahan.pangkalpinang', 'bendahara.pangkalpinang', 'admin.pangkalpinang', 'fo.unitlain', 'fo.muaraenim'];

before(async () => {
  srv = await startServer({ demoPermits: true });
  budi = await activeApplicant(srv, { step1: { username: 'budi.hitung', nama: 'Budi Hitung', email: 'budi.hitung@example.com' },
    step2: { no_identitas: '1971011508900032' } });
  sql(`INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status, password_hash)
       SELECT 'petugas', 'fo.unitlain', 'fo.unitlain', 'fo.unitlain@example.com', 'fo.unitlain@example.com', 'FO Unit Lain',
              instansi_id, 'aktif', password_hash FROM account WHERE username = 'fo.pangkalpinang'`);
  sql(`INSERT INTO account_role (account_id, role_id) SELECT a.id, ar.role_id FROM account a, account_role ar
       JOIN account o ON o.id = ar.account_id WHERE a.username = 'fo.unitlain' AND o.username = 'fo.pangkalpinang'`);
  sql(`INSERT INTO unit_kerja (instansi_id, slug, name) SELECT instansi_id, 'unit-hitung', 'Unit Hitung' FROM account WHERE username = 'fo.pangkalpinang'`);
  sql(`INSERT INTO account_unit (account_id, unit_id) SELECT a.id, u.id FROM account a, unit_kerja u WHERE a.username = 'fo.unitlain' AND u.slug = 'unit-hitung'`);
  for (const u of WHO) officers[u] = await officer(srv, u);
});
after(async () => { await srv?.stop(); });

// What the officer's pages show: the home's three numbers and the inbox's list per step.
async function shown(c) {
  const home = (await c.get('/petugas')).body;
  const num = (re) => Number((home.match(re) || [])[1]);
  const inbox = (await c.get('/petugas/inbox')).body;
  const steps = {};
  for (const m of inbox.matchAll(/<li><strong>(\d+)<\/strong> ([^<]*?)(?: — <span class="sla-late">(\d+) terlambat<\/span>)?<\/li>/g))
    steps[decode(m[2])] = `${m[1]}/${m[3] || 0}`;
  const late = (await c.get('/petugas/inbox?tampil=terlambat')).body;
  return {
    open: num(/<strong>(\d+)<\/strong> permohonan di kotak masuk/),
    overdue: num(/<strong>(\d+)<\/strong> terlambat dari batas waktu/),
    mine: num(/<strong>(\d+)<\/strong> sedang Anda kerjakan/),
    total: Number(inbox.match(/<p class="muted" role="status">(\d+) permohonan<\/p>/)[1]),
    totalLate: Number(late.match(/<p class="muted" role="status">(\d+) permohonan<\/p>/)[1]),
    steps,
  };
}

// The same from the applications themselves, written here without the kept table: the
// officer's instansi, the roles of the running steps (every role for the Admin), the
// officer's units (none: every unit).
function counted(username) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const where = `FROM permohonan p, account a WHERE a.username = '${username}' AND p.instansi_id = a.instansi_id
      AND p.status IN ('diajukan', 'diproses') AND p.current_role_key IS NOT NULL
      AND (EXISTS (SELECT 1 FROM account_role ar JOIN role r ON r.id = ar.role_id WHERE ar.account_id = a.id AND r.key = 'admin_instansi')
           OR p.current_role_key IN (SELECT r.key FROM account_role ar JOIN role r ON r.id = ar.role_id WHERE ar.account_id = a.id))
      AND (NOT EXISTS (SELECT 1 FROM account_unit u WHERE u.account_id = a.id)
           OR p.unit_id IN (SELECT u.unit_id FROM account_unit u WHERE u.account_id = a.id))`;
  const late = `CASE WHEN p.current_due_at < '${now}' THEN 1 ELSE 0 END`;
  const [open, overdue, mine] = sql(`SELECT COUNT(*) || ' ' || COALESCE(SUM(${late}), 0) || ' ' ||
      COALESCE(SUM(CASE WHEN p.claimed_by = a.id THEN 1 ELSE 0 END), 0) ${where}`).split(' ').map(Number);
  const steps = {};
  const rows = sql(`SELECT p.current_step_name || '|' || COUNT(*) || '/' || SUM(${late}) ${where} GROUP BY p.current_step_name`);
  for (const line of rows ? rows.split('\n') : []) {
    const [name, n] = line.split('|');
    steps[name] = n;
  }
  return { open, overdue, mine, total: open, totalLate: overdue, steps };
}

// Every officer's pages agree with the fresh count, and so does `loket inbox check`.
async function agree(after) {
  for (const u of WHO) assert.deepEqual(await shown(officers[u]), counted(u), `${u} after ${after}`);
  const check = loket(['inbox', 'check'], srv.env);
  assert.equal(check.status, 0, `loket inbox check after ${after}: ${check.stdout}${check.stderr}`);
}

const currentStep = (id) => sql(`SELECT position || ' ' || role_key FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`);

test('every kind of change keeps each officer’s counts equal to a fresh count', async () => {
  const o = officers;
  await agree('loket demo');

  const [a1, a2, a3, a4] = [await submitSip(budi), await submitSip(budi), await submitSip(budi), await submitSip(budi)];
  await agree('Buat');
  assert.equal((await shown(o['fo.pangkalpinang'])).open >= 4, true, 'the four are in the front office inbox');
  assert.equal((await shown(o['fo.unitlain'])).open, 0, 'another unit sees none of them');

  assert.equal((await act(o['fo.pangkalpinang'], a1.id, 'ambil')).status, 303);
  const fo2 = sql(`SELECT id FROM account WHERE username = 'fo.pangkalpinang'`);
  assert.equal((await act(o['admin.pangkalpinang'], a2.id, 'alihkan', { petugas: fo2 })).status, 303);
  await agree('Ambil and the Admin’s reassignment');
  assert.equal((await shown(o['fo.pangkalpinang'])).mine, 2);

  assert.equal((await checkAll(o['fo.pangkalpinang'], a1.id)).status, 303);
  assert.equal((await act(o['fo.pangkalpinang'], a1.id, 'teruskan')).status, 303);
  assert.equal(currentStep(a1.id), '2 verifikator');
  await agree('Teruskan');

  const ver = o['verifikator.pangkalpinang'];
  const ids = syaratIds((await berkas(ver, a1.id)).body);
  assert.equal((await act(ver, a1.id, 'kembalikan', { syarat: ids, [`catatan_${ids[0]}`]: 'Scan buram.' })).status, 303);
  await agree('Kembalikan ke pemohon');
  assert.equal((await ganti(budi, a1.id, ids[0])).status, 303);
  assert.equal((await kirimPerbaikan(budi, a1.id)).status, 303);
  await agree('Kirim Perbaikan');

  assert.equal((await act(ver, a1.id, 'kembali', { ke_tahap: '1', alasan_kembali: 'Cek ulang kelengkapan.' })).status, 303);
  assert.equal(currentStep(a1.id), '1 front_office');
  await agree('back to an earlier step');

  assert.equal((await act(o['fo.pangkalpinang'], a3.id, 'tolak', { alasan: 'Berkas bukan milik pemohon.' })).status, 303);
  await agree('Tolak');

  // a4 through every step to the end: Setujui at penetapan, the permit issued at tanda tangan.
  const fo = o['fo.pangkalpinang'], tek = o['teknis.pangkalpinang'];
  assert.equal((await checkAll(fo, a4.id)).status, 303);
  assert.equal((await act(fo, a4.id, 'teruskan')).status, 303);
  assert.equal((await checkAll(ver, a4.id)).status, 303);
  assert.equal((await act(ver, a4.id, 'teruskan')).status, 303);
  assert.equal((await tinjau(tek, a4.id)).status, 303);
  assert.equal((await act(tek, a4.id, 'teruskan')).status, 303);
  assert.equal((await act(tek, a4.id, 'rekomendasi', { rekomendasi: 'Memenuhi syarat teknis.' })).status, 303);
  assert.equal((await act(tek, a4.id, 'teruskan')).status, 303);
  await agree('the technical steps');
  assert.equal((await act(ver, a4.id, 'setujui', { catatan: 'Disetujui.' })).status, 303);
  await agree('Setujui');
  const ttd = await act(o['kadis.pangkalpinang'], a4.id, 'teruskan', { tte_passphrase: DEMO_TTE_PASSPHRASE });
  assert.equal(ttd.status, 303, (ttd.body.match(/role="alert"[^>]*>([\s\S]{0,300})/) || [])[1]);
  assert.equal(sql(`SELECT count(*) FROM izin WHERE permohonan_id = ${a4.id}`), '1', 'issued');
  await agree('tanda tangan');
  assert.equal((await act(o['penyerahan.pangkalpinang'], a4.id, 'teruskan')).status, 303);
  assert.equal(sql(`SELECT status FROM permohonan WHERE id = ${a4.id}`), 'selesai');
  await agree('the last step');

  // A draft made and deleted with Hapus.
  const d = await tambah(budi);
  const hapus = await budi.post(`${d.path}/hapus`, { csrf: csrfOf((await budi.get(`${d.path}/hapus`)).body) });
  assert.equal(hapus.status, 303, 'Hapus');
  assert.equal(sql(`SELECT count(*) FROM permohonan WHERE id = ${d.id}`), '0');
  await agree('a draft deleted');

  // Written by SQL, as an import would: 30 applications in the front office step, due
  // dates in the past and the future; then one existing due date moved into the past.
  const [instansi, unit, izin, workflow, account] = sql(`SELECT i.id || ' ' || j.unit_id || ' ' || j.id || ' ' || w.id || ' ' || a.id
      FROM instansi i JOIN jenis_izin j ON j.instansi_id = i.id JOIN workflow w ON w.jenis_izin_id = j.id AND w.jenis_permohonan = 'baru'
      JOIN account a ON a.username = 'budi.hitung' WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'sip-dokter'
      ORDER BY w.version DESC LIMIT 1`).split(' ');
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
       INSERT INTO permohonan (account_id, instansi_id, unit_id, jenis_izin_id, lokasi_nama, lokasi_alamat, status, nomor, workflow_id,
                               submitted_at, current_position, current_role_key, current_step_name, current_due_at)
       SELECT ${account}, ${instansi}, ${unit}, ${izin}, 'Impor ' || i, 'Jl. Impor', 'diajukan', 'IMPOR/' || i, ${workflow},
              '2026-01-05T02:00:00Z', 1, s.role_key, s.name,
              CASE WHEN i % 3 = 0 THEN '2026-02-0' || (1 + i % 9) || 'T16:59:59Z' ELSE '2099-03-0' || (1 + i % 9) || 'T16:59:59Z' END
       FROM n, workflow_step s WHERE s.workflow_id = ${workflow} AND s.position = 1`);
  await agree('an SQL import');
  sql(`UPDATE permohonan SET current_due_at = '2026-01-02T16:59:59Z' WHERE id = ${a2.id}`);
  sql(`UPDATE permohonan SET unit_id = (SELECT id FROM unit_kerja WHERE slug = 'unit-hitung') WHERE nomor = 'IMPOR/1'`);
  sql(`DELETE FROM permohonan WHERE nomor = 'IMPOR/2'`);
  await agree('a due date moved, a unit changed and a row deleted by SQL');
  const late = await shown(o['fo.pangkalpinang']);
  assert.ok(late.overdue >= 11 && late.totalLate === late.overdue, `overdue shown: ${late.overdue}`);
  assert.equal((await shown(o['fo.unitlain'])).open, 1, 'the unit’s own application');
});

test('a damaged count is named by loket inbox check and mended by loket inbox rebuild', async () => {
  const group = sql(`SELECT current_step_name FROM inbox_tally WHERE current_role_key = 'front_office' ORDER BY n DESC LIMIT 1`);
  sql(`UPDATE inbox_tally SET n = n + 7 WHERE current_role_key = 'front_office' AND current_step_name = '${group}'`);
  let r = loket(['inbox', 'check'], srv.env);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /role front_office step "Pemeriksaan kelengkapan berkas" due \S+: kept \d+, counted \d+/);
  assert.match(r.stdout, /inbox counts DIFFER in \d+ group\(s\)/);
  assert.notDeepEqual(await shown(officers['fo.pangkalpinang']), counted('fo.pangkalpinang'), 'the damage shows');
  r = loket(['inbox', 'rebuild'], srv.env);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /inbox counts rebuilt: \d+ group\(s\)/);
  await agree('loket inbox rebuild');
  r = loket(['inbox', 'frobnicate'], srv.env);
  assert.equal(r.status, 2, 'bad usage');
});
