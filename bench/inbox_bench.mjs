// bench/inbox_bench.mjs WWW_DIR SECONDS — the back office benchmarks (issue 7):
//   1. an officer's inbox with 10,000 open applications in the instansi: writes the
//      page's bytes to WWW_DIR/inbox.html for nginx and prints "INBOX <port> <cookie>
//      <path>" so bench/run.sh measures it with wrk at 16 connections beside nginx, then
//      waits for a line on stdin;
//   2. Teruskan: 4 Front Office officers forward distinct applications at once for
//      SECONDS; p50, p99 and actions/s (each is one transaction: the gate, the steps, the
//      event, the audit record and the applicant's mail).
// Starts its own loket with the demo data, on SQLite or — with LOKET_TEST_PG_URL — on
// PostgreSQL; the applications are written with SQL that runs on both (the pages that
// make them are measured by permohonan_bench.mjs), and the INBOX line names the database.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../tests/lib/harness.mjs';
import { activeApplicant } from '../tests/lib/registrasi.mjs';
import { officer } from '../tests/lib/proses.mjs';

const [www, seconds = '10'] = process.argv.slice(2);
const OPEN = 10000;
const srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off', LOKET_INBOX_CACHE: process.env.LOKET_INBOX_CACHE || 'on' } });
// The database is the harness's: SQLite, or PostgreSQL when LOKET_TEST_PG_URL is set.
const db = srv.db.kind === 'pg' ? 'PostgreSQL' : 'SQLite';
const q = (xs, p) => xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(1) : 'n/a';
try {
  const budi = await activeApplicant(srv, { step1: { username: 'bench.inbox', nama: 'Budi Antrian', email: 'bench.inbox@example.com' } });
  const sql = (s) => srv.sql(s);
  const ids = sql(`SELECT i.id || ' ' || j.unit_id || ' ' || j.id || ' ' || w.id FROM instansi i JOIN jenis_izin j ON j.instansi_id = i.id
    JOIN workflow w ON w.jenis_izin_id = j.id AND w.jenis_permohonan = 'baru' WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'sip-dokter'`).split(' ');
  const [instansi, unit, izin, workflow] = ids;
  const account = sql(`SELECT id FROM account WHERE username = 'bench.inbox'`);
  // 10,000 submitted applications, each with its seven steps, the first one running with
  // due dates spread over the year (some overdue).
  sql(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${OPEN})
       INSERT INTO permohonan (account_id, instansi_id, unit_id, jenis_izin_id, lokasi_nama, lokasi_alamat, status, nomor,
                               workflow_id, submitted_at)
       SELECT ${account}, ${instansi}, ${unit}, ${izin}, 'Praktik ' || i, 'Jl. Bench ' || i, 'diajukan', 'BENCH/' || i,
              ${workflow}, '2026-11-01T02:00:00Z' FROM n`);
  sql(`INSERT INTO permohonan_step (permohonan_id, position, name, role_key, kind, sla_days, status, started_at, due_at)
       SELECT p.id, s.position, s.name, s.role_key, s.kind, s.sla_days, CASE WHEN s.position = 1 THEN 'berjalan' ELSE 'menunggu' END,
              CASE WHEN s.position = 1 THEN p.submitted_at END,
              CASE WHEN s.position = 1 THEN '2026-' || CASE WHEN p.id % 12 < 9 THEN '0' ELSE '' END || (1 + p.id % 12) || '-'
                || CASE WHEN p.id % 28 < 9 THEN '0' ELSE '' END || (1 + p.id % 28) || 'T16:59:59Z' END
       FROM permohonan p JOIN workflow_step s ON s.workflow_id = p.workflow_id WHERE p.nomor LIKE 'BENCH/%'`);
  // The running step on the row, as domain/proses/current.c keeps it.
  sql(`UPDATE permohonan SET current_position = s.position, current_role_key = s.role_key, current_step_name = s.name,
       current_due_at = s.due_at FROM permohonan_step s WHERE s.permohonan_id = permohonan.id AND s.status = 'berjalan'
       AND permohonan.nomor LIKE 'BENCH/%'`);
  // PostgreSQL plans by its statistics, which autovacuum refreshes about a minute after
  // a bulk load like this one; the benchmark measures the steady state, so it asks now.
  if (srv.db.kind === 'pg') sql('ANALYZE');
  const fo = await officer(srv, 'fo.pangkalpinang');
  const path = '/petugas/inbox';
  const page = await fo.get(path);
  if (page.status !== 200 || !/10000 permohonan/.test(page.body)) throw new Error('the inbox does not list the 10,000: ' + page.status);
  writeFileSync(join(www, 'inbox.html'), page.body);
  console.log(`INBOX ${srv.port} sid=${fo.cookies.get('sid')} ${path} ${db}`);
  await new Promise((ok) => process.stdin.once('data', ok));   // run.sh says when wrk is done

  // Teruskan by 4 officers at once, each on applications of its own (INBOX_TERUSKAN=0: not).
  if (process.env.INBOX_TERUSKAN !== '0') await teruskan(fo);
} finally {
  await srv.stop();
}

async function teruskan(fo) {
  const sql = (s) => srv.sql(s);
  for (let w = 2; w <= 4; w++) {
    sql(`INSERT INTO account (kind, username, username_lower, email, email_lower, nama, instansi_id, status, password_hash)
         SELECT 'petugas', 'fo${w}.bench', 'fo${w}.bench', 'fo${w}@bench.example', 'fo${w}@bench.example', 'FO ${w}', instansi_id, 'aktif',
                password_hash FROM account WHERE username = 'fo.pangkalpinang'`);
    sql(`INSERT INTO account_role (account_id, role_id) SELECT a.id, r.id FROM account a, role r WHERE a.username = 'fo${w}.bench' AND r.key = 'front_office'`);
  }
  const officers = [fo, ...await Promise.all([2, 3, 4].map((w) => officer(srv, `fo${w}.bench`)))];
  const queue = sql(`SELECT id FROM permohonan WHERE nomor LIKE 'BENCH/%' ORDER BY id`).split('\n');
  const latencies = [];
  let failed = 0;
  const end = performance.now() + Number(seconds) * 1000, t0 = performance.now();
  await Promise.all(officers.map(async (c) => {
    const csrf = (await c.get('/petugas/inbox')).body.match(/name="csrf" value="([^"]+)"/)[1];
    while (performance.now() < end && queue.length) {
      const id = queue.shift();
      const s = performance.now();
      const r = await c.post(`/petugas/permohonan/${id}/aksi`, { csrf, versi: '0', tahap: '1', aksi: 'teruskan' });
      if (r.status === 303) latencies.push(performance.now() - s); else if (failed++ === 0) console.error('Teruskan ' + r.status);
    }
  }));
  latencies.sort((a, b) => a - b);
  console.log(`Teruskan: ok=${latencies.length} failed=${failed} rate=${(latencies.length / ((performance.now() - t0) / 1000)).toFixed(0)}/s ` +
    `p50=${q(latencies, 0.5)}ms p99=${q(latencies, 0.99)}ms (4 officers at once, ${db})`);
}
