// tests/lib/harness.mjs — starts a real `loket` for a test file and stops it after.
//
// Each server gets a temporary data folder, a free port and its own database:
// a SQLite file by default, or — when LOKET_TEST_PG_URL points at a PostgreSQL server
// (scripts/test.sh starts one) — a fresh database created for it and dropped after.
// The demo data are loaded with `loket demo` before the server starts (its permits only
// when asked for: demoPermits).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
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

// One query through the database's own command-line client (sqlite3 or psql); db is
// what makeDatabase returned ({ kind, url }). The running server may hold SQLite's write
// lock for a moment (a background job, an officer's action), so the client waits for it
// like the server does instead of failing with "database is locked".
export function dbSql(db, query) {
  if (db.kind === 'pg') return execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-c', query], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', db.url, query], { encoding: 'utf8' }).trim();
}

// Runs a loket command synchronously; returns { status, stdout, stderr }.
export function loket(args, env = {}) {
  const r = spawnSync(LOKET, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Starts tests/lib/smtp_sink.py, a real SMTP server on loopback that stores every
// message it receives as DIR/<n>.eml.
export async function startSmtpSink(dir) {
  mkdirSync(dir, { recursive: true });
  // Debian's python3 carries python3-aiosmtpd; a python3 earlier on PATH may not.
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const proc = spawn(python, [join(ROOT, 'tests/lib/smtp_sink.py'), '--port', '0', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((ok, fail) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/ready (\d+)/);
      if (m) ok(Number(m[1]));
    });
    proc.on('exit', (code) => fail(new Error('smtp_sink exited with ' + code)));
  });
  return { port, dir, stop() { proc.kill('SIGTERM'); } };
}

// Decodes one stored message: headers (Subject RFC 2047-decoded) and the text body
// (quoted-printable decoded when so encoded).
export function parseMail(raw) {
  const text = raw.toString('utf8');
  const split = text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : text.indexOf('\n\n');
  const head = text.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  let body = text.slice(split).replace(/^\s+/, '').replace(/\r\n/g, '\n');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const decodeWord = (v) => v.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc, data) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
  if (headers.subject) headers.subject = decodeWord(headers.subject);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] || '')) {
    body = Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return { headers, subject: headers.subject || '', to: headers.to || '', body };
}

export function readMails(dir) {
  let names = [];
  try { names = readdirSync(dir).filter((n) => n.endsWith('.eml') && !n.startsWith('.')); } catch { return []; }
  return names.sort((a, b) => parseInt(a) - parseInt(b)).map((n) => parseMail(readFileSync(join(dir, n))));
}

// Waits until a stored mail satisfies pred; returns it.
export async function waitForMail(dir, pred, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = readMails(dir).find(pred);
    if (m) return m;
    if (Date.now() > end) throw new Error('no matching mail within ' + timeoutMs + ' ms; have: ' +
      readMails(dir).map((x) => `${x.to}: ${x.subject}`).join(' | '));
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

// Reads the /metrics of the server at url (started with LOKET_METRICS=loopback) and
// returns num(name): the value of one counter or gauge, NaN when it is absent.
export async function metricsOf(url) {
  const r = await fetch(url + '/metrics');
  if (r.status !== 200) throw new Error(`/metrics of ${url} answered ${r.status}`);
  const m = await r.text();
  return (name) => Number((m.match(new RegExp(`^${name} (\\d+)$`, 'm')) || [])[1]);
}

// Starts one `loket serve` with env on a free port (or `port`) and waits until /healthz
// answers.  baseUrl: LOKET_BASE_URL (default its own address; a cluster passes nginx's).
// Returns { url, port, proc, exited, log(), stop() }; stop sends SIGTERM to that process.
export async function spawnServe(env, { port = null, baseUrl = null } = {}) {
  port = port || await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(LOKET, ['serve', '--listen', `127.0.0.1:${port}`],
    { env: { ...process.env, ...env, LOKET_BASE_URL: baseUrl || url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', (code, signal) => ok({ code, signal })));
  // Time, not tries: on a loaded machine loading the region index alone may take seconds.
  for (const deadline = Date.now() + 30000; ;) {
    try {
      const r = await fetch(url + '/healthz');
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > deadline) throw new Error('loket serve did not start:\n' + log);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url, port, proc, exited, log: () => log,
    async stop() { if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGTERM'); await exited; } },
  };
}

// demoPermits: also the demo's signing keys, demo applicant and permits (loket demo
// without --without-permits); off by default, so tests that count rows see the offices only.
export async function startServer({ demo = true, demoPermits = false, env = {}, smtp = false } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-test-'));
  const db = makeDatabase(dataDir);
  const sink = smtp ? await startSmtpSink(join(dataDir, 'smtp-sink')) : null;
  const baseEnv = { LOKET_DATA: dataDir, LOKET_DB: db.url, LOKET_WILAYAH_DIR: WILAYAH_DIR, ...env };
  if (sink) baseEnv.LOKET_SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  if (demo) {
    const r = loket(['demo', ...(demoPermits ? [] : ['--without-permits'])], baseEnv);
    if (r.status !== 0) throw new Error('loket demo failed: ' + r.stderr);
  }
  const { url, port, proc, exited, log } = await spawnServe({ ...baseEnv }, { baseUrl: null });
  // Mails: from the SMTP sink when one runs, else the .eml files loket writes itself.
  const mailDir = sink ? sink.dir : join(dataDir, 'mail');
  return {
    url, port, dataDir, db, env: baseEnv, proc, exited, mailDir,
    log,
    mails: () => readMails(mailDir),
    // One query through the database's own command-line client (sqlite3 or psql), for
    // tests that must look at or age rows no page shows.
    sql: (query) => dbSql(db, query),
    waitForMail: (pred, ms) => waitForMail(mailDir, pred, ms),
    async stop() {
      if (proc.exitCode === null) { proc.kill('SIGTERM'); await exited; }
      sink?.stop();
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
