// Issued permits under load and failure, against the real binary: the verification page
// asked thousands of times from one address is throttled (429) while other pages keep
// answering; expiry reminders go out exactly once with several serve processes and a
// command racing for the job, also across a restart; and (on PostgreSQL) the verification
// page still tells a genuine code from a changed one with the database stopped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, freePort, LOKET, ROOT } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { decode } from '../lib/permohonan.mjs';
import { submitSip, issue, verdictOf } from '../lib/izin.mjs';

let srv;
const extra = [];
before(async () => { srv = await startServer({ smtp: true, demoPermits: true }); });
after(async () => {
  for (const p of extra) if (p.exitCode === null) { p.kill('SIGTERM'); await new Promise((ok) => p.on('exit', ok)); }
  await srv?.stop();
});

// Another `loket serve` on the same database and data folder; resolves when it answers.
async function serveAgain(s) {
  const port = await freePort();
  const proc = spawn(LOKET, ['serve', '--listen', `127.0.0.1:${port}`],
    { env: { ...process.env, ...s.env, LOKET_BASE_URL: s.url, LOKET_ACCESS_LOG: 'off' }, stdio: 'ignore' });
  extra.push(proc);
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return proc; } catch { /* starting */ }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('second serve did not start');
}
const stopProc = async (p) => { if (p.exitCode === null) { p.kill('SIGTERM'); await new Promise((ok) => p.on('exit', ok)); } };

// The demo applicant's verification links (valid, expired, revoked demo permits).
async function demoLinks(s) {
  const demo = new Client(s.url);
  assert.equal((await demo.login('pemohon.demo', DEMO_PASSWORD)).status, 303);
  return [...(await demo.get('/pemohon/izin')).body.matchAll(/href="(http[^"]+\/v\/[^"]+)"/g)].map((m) => decode(m[1]));
}

test('10,000 verifications from one address are throttled; other pages keep answering', async () => {
  const [link] = await demoLinks(srv);
  const counts = { 200: 0, 429: 0 };
  let retryAfter = null, catalogueOk = 0;
  let next = 0;
  const worker = async () => {
    while (next < 10000) {
      next++;
      const r = await fetch(link);
      counts[r.status] = (counts[r.status] || 0) + 1;
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
      await r.arrayBuffer();
      if (next % 1000 === 0 && (await fetch(srv.url + '/katalog')).status === 200) catalogueOk++;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  assert.ok(counts[200] >= 30 && counts[200] < 200, `a burst of 30, then about one a second: ${JSON.stringify(counts)}`);
  assert.ok(counts[429] > 9000, JSON.stringify(counts));
  assert.equal(retryAfter, '60');
  assert.ok(catalogueOk >= 9, 'the catalogue answered throughout');
  const page = await (await fetch(link)).text();
  assert.match(page, /Terlalu banyak pemeriksaan/);
});

test('reminders: exactly one mail per permit and threshold with three serve processes and a command racing, also after a restart', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'budi.ingat', nama: 'dr. Budi Ingat', email: 'budi.ingat@example.com' },
    step2: { no_identitas: '1971011508900041' } });
  const a = issue(srv, await submitSip(budi)), b = issue(srv, await submitSip(budi));
  // Today in WIB, and the permits ending 30 and 7 days from it.
  const wib = new Date(Date.now() + 7 * 3600 * 1000);
  const plus = (d) => { const t = new Date(wib); t.setUTCDate(t.getUTCDate() + d); return t.toISOString().slice(0, 10); };
  srv.sql("UPDATE izin SET berlaku_sampai = '2040-01-01' WHERE berlaku_sampai IS NOT NULL");
  srv.sql(`UPDATE izin SET berlaku_sampai = '${plus(30)}' WHERE nomor = '${a.nomor}'`);
  srv.sql(`UPDATE izin SET berlaku_sampai = '${plus(7)}' WHERE nomor = '${b.nomor}'`);
  srv.sql("UPDATE job_schedule SET next_run_at = 0");
  const cmds = Array.from({ length: 2 }, () => new Promise((ok) => {
    const p = spawn(LOKET, ['izin', 'pengingat'], { env: { ...process.env, ...srv.env }, stdio: 'ignore' });
    p.on('exit', ok);
  }));
  const procs = await Promise.all([serveAgain(srv), serveAgain(srv)]);
  await Promise.all(cmds);
  const count = () => Number(srv.sql("SELECT COUNT(*) FROM outbox WHERE kind = 'izin_pengingat'"));
  for (let i = 0; i < 100 && count() < 2; i++) await new Promise((ok) => setTimeout(ok, 100));
  await new Promise((ok) => setTimeout(ok, 1500));
  assert.equal(count(), 2, 'one mail for each permit');
  assert.equal(srv.sql('SELECT COUNT(*) FROM izin_pengingat'), '2');
  await srv.waitForMail((m) => m.to.includes('budi.ingat@example.com') && /berakhir dalam 30 hari/.test(m.subject) && m.body.includes(a.nomor));
  await srv.waitForMail((m) => m.to.includes('budi.ingat@example.com') && /berakhir dalam 7 hari/.test(m.subject) && m.body.includes(b.nomor));

  // A restart runs the job again: nothing new.
  await stopProc(procs[0]);
  srv.sql("UPDATE job_schedule SET next_run_at = 0");
  await serveAgain(srv);
  for (let i = 0; i < 30 && Number(srv.sql("SELECT next_run_at FROM job_schedule")) === 0; i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.notEqual(srv.sql("SELECT next_run_at FROM job_schedule"), '0', 'the job ran');
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(count(), 2);
});

test('with the database stopped the verification page still tells genuine from changed (PostgreSQL)', { skip: !process.env.LOKET_TEST_PG_URL && 'needs PostgreSQL (LOKET_TEST_PG_URL)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-pgstop-'));
  rmSync(dir, { recursive: true, force: true });
  const script = join(ROOT, 'scripts/pg-test-server.sh');
  const url = execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim();
  const saved = process.env.LOKET_TEST_PG_URL;
  process.env.LOKET_TEST_PG_URL = url;
  let own;
  try {
    own = await startServer({ demoPermits: true, env: { LOKET_VERIFY_PER_MINUTE: '100000' } });
  } finally {
    process.env.LOKET_TEST_PG_URL = saved;
  }
  try {
    const links = await demoLinks(own);
    execFileSync(script, ['stop', dir]);
    assert.equal((await fetch(own.url + '/healthz')).status, 503, 'the database is down');
    const verdicts = [];
    for (const l of links) {
      const r = await fetch(l);
      assert.equal(r.status, 200);
      const html = await r.text();
      verdicts.push(verdictOf(html));
      assert.match(html, /status pencabutan tidak dapat diperiksa saat ini/);
    }
    // Without the database the revoked demo permit cannot be known as revoked: its
    // signature is genuine, and the page says the revocation was not checked.
    assert.deepEqual(verdicts.sort(), ['berlaku', 'berlaku', 'berlaku', 'kedaluwarsa']);
    const code = links[0].split('/v/')[1];
    const bad = await (await fetch(`${own.url}/v/${code.slice(0, 20)}${code[20] === 'Q' ? 'R' : 'Q'}${code.slice(21)}`)).text();
    assert.equal(verdictOf(bad), 'tidak-asli');
  } finally {
    await own.stop();
    try { execFileSync(script, ['stop', dir]); } catch { /* stopped above */ }
  }
});
