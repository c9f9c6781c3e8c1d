// bench/applicant_pages.mjs WWW_DIR [off] — the logged-in applicant's pages of issue 12's
// targets, for wrk beside nginx: Profil dan Permohonan with 50 applications, a draft
// (Tambah's first step) and a tracking page.  Writes each page's bytes to
// WWW_DIR/<name>.html, prints "PAGE <name> <port> <cookie> <path>" per page and
// "READY", then waits for a line on stdin before it stops its server.
// Starts its own loket with the demo data (on PostgreSQL when LOKET_TEST_PG_URL names
// one); 49 of the 50 applications are copies of one submitted through the pages, written
// with SQL.  "off": with LOKET_PEMOHON_CACHE=off, every page rendered anew, as the first
// page after a change is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../tests/lib/harness.mjs';
import { activeApplicant } from '../tests/lib/registrasi.mjs';
import { submitSip } from '../tests/lib/admin.mjs';
import { tambah, chooseSip } from '../tests/lib/permohonan.mjs';

const [www, mode] = process.argv.slice(2);
const srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off', LOKET_MAX_CONN_PER_IP: '1000',
  LOKET_PEMOHON_CACHE: mode === 'off' ? 'off' : 'on' } });
try {
  const budi = await activeApplicant(srv, { step1: { username: 'bench.profil', nama: 'Budi Profil', email: 'bench.profil@example.com' } });
  const first = await submitSip(budi);
  // 49 more submitted applications of the same applicant, each with its steps.
  srv.sql(`WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
    INSERT INTO permohonan (account_id, instansi_id, unit_id, jenis_izin_id, lokasi_nama, lokasi_alamat, status, nomor,
                            workflow_id, submitted_at, current_position, current_role_key, current_step_name, current_due_at)
    SELECT p.account_id, p.instansi_id, p.unit_id, p.jenis_izin_id, p.lokasi_nama || ' ' || i, p.lokasi_alamat, p.status,
           p.nomor || '-' || i, p.workflow_id, p.submitted_at, p.current_position, p.current_role_key, p.current_step_name,
           p.current_due_at FROM permohonan p, n WHERE p.id = ${first.id}`);
  srv.sql(`INSERT INTO permohonan_step (permohonan_id, position, name, role_key, kind, sla_days, status, started_at, due_at)
    SELECT c.id, s.position, s.name, s.role_key, s.kind, s.sla_days, s.status, s.started_at, s.due_at
    FROM permohonan c JOIN permohonan o ON o.id = ${first.id} JOIN permohonan_step s ON s.permohonan_id = o.id
    WHERE c.account_id = o.account_id AND c.id <> o.id`);
  const draft = await tambah(budi);
  await chooseSip(budi, draft.path);
  const pages = { profil: '/pemohon/profil', draf: draft.path, lacak: `/pemohon/permohonan/${first.id}/lacak` };
  for (const [name, path] of Object.entries(pages)) {
    const page = await budi.get(path);
    if (page.status !== 200) throw new Error(`${path}: ${page.status}`);
    if (name === 'profil' && (page.body.match(/\/lacak"/g) || []).length < 50) throw new Error('the list does not show the 50 applications');
    writeFileSync(join(www, `${name}.html`), page.body);
    console.log(`PAGE ${name} ${srv.port} sid=${budi.cookies.get('sid')} ${path}`);
  }
  console.log('READY');
  await new Promise((ok) => process.stdin.once('data', ok));
} finally {
  await srv.stop();
}
