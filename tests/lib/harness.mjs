// tests/lib/harness.mjs — starts a real `loket` for a test file and stops it after.
//
// Each server gets a temporary data folder, a free port and its own database:
// a SQLite file by default, or — when LOKET_TEST_PG_URL points at a PostgreSQL server
// (scripts/test.sh starts one) — a fresh database created for it and dropped after.
// The demo data are loaded with `loket demo` before the server starts.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const LOKET = join(ROOT, 'build', 'loket');
export const WILAYAH_DIR = join(ROOT, 'node_modules', 'idn-area-data', 'data');

export function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

// Runs psql against the admin URL (for creating and dropping test databases).
function psql(adminUrl, sql) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', adminUrl, '-c', sql], { stdio: 'pipe' });
}

// Creates a database for one test file; returns { url, drop() }.
export function makeDatabase(dataDir) {
  const admin = process.env.LOKET_TEST_PG_URL;
  if (!admin) return { url: join(dataDir, 'loket.db'), kind: 'sqlite', drop() {} };
  const name = 't_' + Math.random().toString(36).slice(2, 10);
  psql(admin, `CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = '/' + name;
  return {
    url: u.toString(), kind: 'pg',
    drop() { try { psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } catch { /* already gone */ } },
  };
}

// Runs a loket command synchronously; returns { status, stdout, stderr }.
export function loket(args, env = {}) {
  const r = spawnSync(LOKET, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export async function startServer({ demo = true, env = {} } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const db = makeDatabase(dataDir);
  const baseEnv = { LOKET_DATA: dataDir, LOKET_DB: db.url, LOKET_WILAYAH_DIR: WILAYAH_DIR, ...env };
  if (demo) {
    const r = loket(['demo'], baseEnv);
    if (r.status !== 0) throw new Error('loket demo failed: ' + r.stderr);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(LOKET, ['serve', '--listen', `127.0.0.1:${port}`],
    { env: { ...process.env, ...baseEnv, LOKET_BASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  // Wait until /healthz answers.
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(url + '/healthz');
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null || i > 200) throw new Error('loket serve did not start:\n' + log);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url, port, dataDir, db, env: baseEnv, proc, exited,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) { proc.kill('SIGTERM'); await exited; }
      db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Sends raw bytes over one TCP connection and collects the whole answer.
export function rawRequest(port, data, { endAfter = true, timeoutMs = 5000 } = {}) {
  return new Promise((ok, fail) => {
    const sock = net.connect(port, '127.0.0.1');
    let out = Buffer.alloc(0);
    const timer = setTimeout(() => { sock.destroy(); ok(out.toString('latin1')); }, timeoutMs);
    sock.on('data', (d) => { out = Buffer.concat([out, d]); });
    sock.on('error', (e) => { clearTimeout(timer); if (out.length) ok(out.toString('latin1')); else fail(e); });
    sock.on('close', () => { clearTimeout(timer); ok(out.toString('latin1')); });
    sock.write(data);
    if (endAfter) sock.end();
  });
}
