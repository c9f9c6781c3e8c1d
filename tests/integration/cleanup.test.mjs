// The clean-up job (issue 9): identity scans of registration drafts abandoned for more
// than a day, scans no draft or applicant refers to, and stale temporary uploads are
// removed by `loket serve` (at start and every ten minutes); fresh and used files stay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync, existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, freePort, LOKET } from '../lib/harness.mjs';
import { Pemohon } from '../lib/registrasi.mjs';

let srv;
before(async () => { srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off' } }); });
after(async () => { await srv?.stop(); });

const TWO_DAYS = 2 * 86400;

test('abandoned drafts, their scans, orphan scans and stale uploads are removed; the rest stays', async () => {
  // A real draft with its scan (the wizard's first two steps), made fresh.
  const p = new Pemohon(srv.url);
  await p.register();
  const usedScan = srv.sql("SELECT identity_file FROM pemohon_profile LIMIT 1");
  assert.ok(usedScan, 'an applicant with a scan');

  srv.proc.kill('SIGTERM');
  await srv.exited;
  const files = join(srv.dataDir, 'files'), tmp = join(srv.dataDir, 'tmp');
  const now = Math.floor(Date.now() / 1000);
  const old = (path) => { writeFileSync(path, 'x'); utimesSync(path, now - TWO_DAYS, now - TWO_DAYS); return path; };
  const fresh = (path) => { writeFileSync(path, 'x'); return path; };
  // An abandoned draft (two days untouched) with its scan.
  const hash = 'a'.repeat(64);
  srv.sql(`INSERT INTO session (id_hash, account_id, csrf, created_at, last_seen_at, expires_at) VALUES ('${hash}', NULL, 'c', ${now}, ${now}, ${now + 3600})`);
  const draftScan = old(join(files, 'identitas-abandoned.jpg'));
  srv.sql(`INSERT INTO registration_draft (session_hash, step, data, identity_file, identity_mime, identity_name, updated_at)
    VALUES ('${hash}', 2, '{}', 'identitas-abandoned.jpg', 'image/jpeg', 'ktp.jpg', ${now - TWO_DAYS})`);
  const orphanOld = old(join(files, 'identitas-orphan-old.jpg'));
  const orphanFresh = fresh(join(files, 'identitas-orphan-fresh.jpg'));
  const tmpOld = old(join(tmp, 'up-stale01'));
  const tmpFresh = fresh(join(tmp, 'up-fresh01'));
  utimesSync(join(files, usedScan), now - TWO_DAYS, now - TWO_DAYS);   // old but in use

  const port = await freePort();
  const proc = spawn(LOKET, ['serve', '--listen', `127.0.0.1:${port}`], { env: { ...process.env, ...srv.env }, stdio: 'ignore' });
  try {
    for (let i = 0; i < 200; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break; } catch { /* starting */ }
      await new Promise((ok) => setTimeout(ok, 50));
    }
    for (let i = 0; i < 100 && existsSync(tmpOld); i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.ok(!existsSync(draftScan), "the abandoned draft's scan is gone");
    assert.equal(srv.sql(`SELECT COUNT(*) FROM registration_draft WHERE session_hash = '${hash}'`), '0', 'and the draft');
    assert.ok(!existsSync(orphanOld), 'an old scan nothing refers to is gone');
    assert.ok(!existsSync(tmpOld), 'a stale temporary upload is gone');
    assert.ok(existsSync(orphanFresh), 'a fresh scan stays (its draft may be being written)');
    assert.ok(existsSync(tmpFresh), 'a fresh upload stays');
    assert.ok(existsSync(join(files, usedScan)), "an applicant's scan stays");
  } finally {
    proc.kill('SIGTERM');
    await new Promise((ok) => proc.on('exit', ok));
  }
});
