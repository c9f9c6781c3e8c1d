// Operations (issue 11): the configuration file and its precedence, global options and
// --version, backup and restore (also while submissions are written, and refusing
// damaged archives and non-empty targets), /metrics and the request id, and the region
// index refreshed after an import without a restart.  Runs on SQLite, and on
// PostgreSQL when LOKET_TEST_PG_URL is set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync, mkdirSync, chmodSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { loket, makeDatabase, startServer, spawnServe, dbSql, LOKET, WILAYAH_DIR } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { readyDrafts, decode } from '../lib/permohonan.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'loket-ops-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const conf = (name, text) => { const p = join(scratch, name); writeFileSync(p, text); return p; };
// Only the variables a test sets: nothing from the developer's shell leaks in.
const bare = { LOKET_DATA: '', LOKET_DB: '', LOKET_LISTEN: '', LOKET_CONFIG: '' };

test('loket --version, and global options before the command', () => {
  const v = loket(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^loket \d+\.\d+\.\d+/);
  const dir = join(scratch, 'before');
  const r = loket(['--data', dir, 'migrate'], bare);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'loket.db')), 'the option before the command chose the data folder');
  const bad = loket(['--bogus', 'migrate'], bare);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown option "--bogus" before the command/);
  const help = loket(['backup', '--help']);
  assert.match(help.stdout, /--config FILE/);
});

test('the configuration file: the command line wins over the environment, which wins over the file', () => {
  const [a, b, c] = ['prec-file', 'prec-env', 'prec-option'].map((n) => join(scratch, n));
  const file = conf('prec.conf', `# comment\n\nLOKET_DATA = "${a}"\nLOKET_THREADS=4\n`);
  let r = loket(['migrate', '--config', file], bare);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(a, 'loket.db')), 'the file alone');
  r = loket(['migrate', '--config', file], { ...bare, LOKET_DATA: b });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(b, 'loket.db')), 'the environment over the file');
  r = loket(['--config', file, 'migrate', '--data', c], { ...bare, LOKET_DATA: b });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(c, 'loket.db')), 'the option over both');
  r = loket(['migrate'], { ...bare, LOKET_CONFIG: conf('env.conf', `LOKET_DATA=${join(scratch, 'prec-config-env')}\n`) });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(scratch, 'prec-config-env', 'loket.db')), 'LOKET_CONFIG names the file');
});

test('a bad configuration file names the file, the line and the key', () => {
  const cases = [
    ['unknown.conf', 'LOKET_DATA=/tmp/x\nLOKET_DATABASE=/tmp/y\n', /unknown\.conf:2: LOKET_DATABASE: unknown key \(known: LOKET_DATA, LOKET_DB/],
    ['twice.conf', 'LOKET_LISTEN=127.0.0.1:1\n# x\nLOKET_LISTEN=127.0.0.1:2\n', /twice\.conf:3: LOKET_LISTEN: set twice \(first on line 1\)/],
    ['url.conf', 'LOKET_SMTP_URL=http://mail.example\n', /url\.conf:1: LOKET_SMTP_URL: expected a URL starting with smtp:\/\//],
    ['db.conf', 'LOKET_DB=mysql://u@h/db\n', /db\.conf:1: LOKET_DB: expected a SQLite file path or a URL starting with postgresql:\/\//],
    ['base.conf', 'LOKET_BASE_URL=izin.example.go.id\n', /base\.conf:1: LOKET_BASE_URL: expected a URL starting with http:\/\//],
    ['number.conf', '\nLOKET_MAX_UPLOAD_MB=lots\n', /number\.conf:2: LOKET_MAX_UPLOAD_MB: expected a whole number from 1 to 1024, got "lots"/],
    ['noeq.conf', 'LOKET_DATA /tmp/x\n', /noeq\.conf:1: expected KEY=value/],
    ['metrics.conf', 'LOKET_METRICS=public\n', /metrics\.conf:1: LOKET_METRICS: expected off or loopback/],
  ];
  for (const [name, text, want] of cases) {
    const r = loket(['migrate', '--config', conf(name, text), '--data', join(scratch, 'never')], bare);
    assert.equal(r.status, 2, name);
    assert.match(r.stderr, want, name);
  }
  assert.ok(!existsSync(join(scratch, 'never')), 'nothing was created');
  let r = loket(['migrate', '--config', join(scratch, 'missing.conf')], bare);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing\.conf: cannot read the configuration file: No such file or directory/);
  r = loket(['migrate', '--config', scratch], bare);
  assert.match(r.stderr, /cannot read the configuration file: Is a directory/);
  // Unreadable: only meaningful for a user other than root, who reads everything.
  if (process.getuid?.() === 0) {
    const locked = conf('locked.conf', 'LOKET_DATA=/tmp/x\n');
    chmodSync(locked, 0o600);
    chmodSync(scratch, 0o755);
    // A copy of the binary the other user can run: the checkout may sit where only root
    // may enter (a clone in /root).
    const binary = join(scratch, 'loket');
    copyFileSync(LOKET, binary);
    chmodSync(binary, 0o755);
    const res = spawnSync(binary, ['migrate', '--config', locked], { uid: 65534, gid: 65534, encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.equal(res.status, 2, `${res.error || ''} ${res.stderr}`);
    assert.match(res.stderr, /locked\.conf: cannot read the configuration file: Permission denied/);
  }
});


// ---- backup and restore against a serving instance ----
let srv, budi, numbers;

before(async () => {
  srv = await startServer({ env: { LOKET_METRICS: 'loopback', LOKET_REFRESH_S: '1' } });
  budi = await activeApplicant(srv, { step1: { username: 'budi.ops', email: 'budi.ops@example.com' } });
  const drafts = await readyDrafts(budi, 3);
  numbers = [];
  for (const d of drafts) {
    const r = await budi.post(`${d.path}/buat`, { csrf: d.csrf });
    assert.equal(r.status, 200);
    numbers.push(decode(r.body.match(/class="pm-nomor">([^<]+)</)[1]));
  }
});
after(() => srv?.stop());

const archiveEntries = (file) => {
  const buf = readFileSync(file), names = [];
  for (let off = 0; off + 512 <= buf.length;) {
    const name = buf.subarray(off, off + 100).toString('latin1').replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(buf.subarray(off + 124, off + 136).toString('latin1').trim(), 8);
    names.push({ name, offset: off + 512, size });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
};

// A ustar archive of [{ name, data }] as loket backup writes one (for forged archives).
function tarOf(files) {
  const blocks = [];
  for (const { name, data } of files) {
    const h = Buffer.alloc(512);
    h.write(name, 0, 'latin1');
    h.write('0000600\0', 100); h.write('0000000\0', 108); h.write('0000000\0', 116);
    h.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('0', 156); h.write('ustar\0', 257); h.write('00', 263);
    h.fill(' ', 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

// A fresh target: data folder and (on PostgreSQL) a new empty database.
function target(name) {
  const dir = join(scratch, name);
  const db = makeDatabase(dir);
  const env = { ...bare, LOKET_DATA: dir, LOKET_DB: db.kind === 'pg' ? db.url : join(dir, 'loket.db'), LOKET_WILAYAH_DIR: WILAYAH_DIR };
  return { dir, db, env };
}

test('backup while submissions are written, then restore: every acknowledged number and every uploaded file is back', async () => {
  const more = await readyDrafts(budi, 6);
  const archive = join(scratch, 'live.tar');
  // Submissions and a backup at the same time.
  const backup = new Promise((ok) => {
    const p = spawn(LOKET, ['backup', '--output', archive], { env: { ...process.env, ...srv.env } });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => ok({ code, err }));
  });
  const answers = await Promise.all(more.map((d) => budi.post(`${d.path}/buat`, { csrf: d.csrf })));
  const b = await backup;
  assert.equal(b.code, 0, b.err);
  for (const r of answers) assert.equal(r.status, 200);
  assert.ok(existsSync(archive) && !existsSync(archive + '.partial'));
  const names = archiveEntries(archive).map((e) => e.name);
  assert.equal(names[0], 'BACKUP');
  assert.equal(names.at(-1), 'MANIFEST');
  assert.ok(names.includes(srv.db.kind === 'pg' ? 'database.pgdump' : 'database.sqlite'));
  const uploaded = readdirSync(join(srv.dataDir, 'files'));
  assert.ok(uploaded.length > 0);
  for (const f of uploaded) assert.ok(names.includes(`files/${f}`), `files/${f} in the archive`);

  const t = target('restored');
  try {
    const r = loket(['restore', archive], t.env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^restore: .* database \(schema \d+\) and \d+ files/);
    for (const f of uploaded)
      assert.deepEqual(readFileSync(join(t.dir, 'files', f)), readFileSync(join(srv.dataDir, 'files', f)), f);
    // The restored data serves.
    const restored = await spawnServe({ ...t.env, LOKET_ACCESS_LOG: 'off' });
    try {
      assert.equal((await fetch(restored.url + '/login')).status, 200);
      assert.match(await (await fetch(restored.url + '/katalog')).text(), /Kota Pangkalpinang/);
    } finally { await restored.stop(); }
    const restoredNumbers = dbSql(t.db, 'SELECT nomor FROM permohonan WHERE nomor IS NOT NULL ORDER BY nomor').split('\n');
    for (const n of numbers) assert.ok(restoredNumbers.includes(n), `${n} restored`);
    assert.equal(new Set(restoredNumbers).size, restoredNumbers.length, 'no number twice');

    // Restoring again into the same (now full) target is refused and changes nothing.
    const again = loket(['restore', archive], t.env);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /is not empty; restore only into a new, empty database \(nothing was changed\)/);
  } finally { t.db.drop(); }
});


test('restore refuses a truncated archive, an altered one, a forged manifest and a non-empty folder; nothing is left behind', () => {
  const archive = join(scratch, 'base.tar');
  const b = loket(['backup', '-o', archive], srv.env);
  assert.equal(b.status, 0, b.stderr);
  assert.match(b.stdout, /^backup: .*base\.tar — (SQLite|PostgreSQL) database \(schema \d+\) and \d+ files/);
  const again = loket(['backup', '-o', archive], srv.env);
  assert.equal(again.status, 1, 'an existing archive is never overwritten');
  assert.match(again.stderr, /exists already/);

  const bytes = readFileSync(archive);
  const entries = archiveEntries(archive);
  const db = entries.find((e) => e.name.startsWith('database.'));
  const manifest = entries.find((e) => e.name === 'MANIFEST');
  const variants = {
    truncated: [bytes.subarray(0, Math.floor(bytes.length / 2)), /truncated/],
    altered: [(() => { const x = Buffer.from(bytes); x[db.offset + Math.floor(db.size / 2)] ^= 0x55; return x; })(),
      /damaged: database\.(sqlite|pgdump) does not match its checksum in the MANIFEST/],
    forged: [(() => { const x = Buffer.from(bytes); x[manifest.offset + 3] = x[manifest.offset + 3] === 0x61 ? 0x62 : 0x61; return x; })(),
      /the MANIFEST is damaged/],
    header: [(() => { const x = Buffer.from(bytes); x[db.offset - 512 + 2] ^= 0x01; return x; })(), /fails its checksum|an entry a backup never has/],
    empty: [Buffer.alloc(0), /truncated/],
  };
  for (const [name, [data, want]] of Object.entries(variants)) {
    const file = join(scratch, `${name}.tar`);
    writeFileSync(file, data);
    const t = target(`bad-${name}`);
    try {
      const r = loket(['restore', file], t.env);
      assert.equal(r.status, 1, name);
      assert.match(r.stderr, want, name);
      assert.match(r.stderr, /nothing was restored/, name);
      assert.ok(!existsSync(t.dir), `${name}: no data folder left behind`);
      if (t.db.kind === 'pg') assert.equal(dbSql(t.db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), '0');
    } finally { t.db.drop(); }
  }
  // A data folder that already holds a file.
  const t = target('occupied');
  try {
    mkdirSync(join(t.dir, 'files'), { recursive: true });
    writeFileSync(join(t.dir, 'files', 'dok-keep.pdf'), 'keep me');
    const r = loket(['restore', archive], t.env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the data folder .* is not empty \(it holds files\/dok-keep\.pdf\)/);
    assert.equal(readFileSync(join(t.dir, 'files', 'dok-keep.pdf'), 'utf8'), 'keep me');
    assert.deepEqual(readdirSync(t.dir), ['files']);
  } finally { t.db.drop(); }
  // A well-formed archive from a newer release (its BACKUP names a schema this one lacks).
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  const files = entries.filter((e) => e.name !== 'MANIFEST').map((e) => ({ name: e.name, data: bytes.subarray(e.offset, e.offset + e.size) }));
  const info = files.find((f) => f.name === 'BACKUP');
  info.data = Buffer.from(info.data.toString().replace(/schema=\d+/, 'schema=999'));
  const lines = files.map((f) => `${sha(f.data)}  ${f.data.length}  ${f.name}\n`).join('');
  files.push({ name: 'MANIFEST', data: Buffer.from(lines + `end ${sha(Buffer.from(lines))}\n`) });
  const newer = join(scratch, 'newer.tar');
  writeFileSync(newer, tarOf(files));
  const t2 = target('bad-newer');
  try {
    const r = loket(['restore', newer], t2.env);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /made by a newer Loket \(schema 999; this one knows up to \d+\)/);
    assert.ok(!existsSync(t2.dir));
  } finally { t2.db.drop(); }
  const usage = loket(['restore'], srv.env);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /expected one archive/);
});

// ---- observability ----

test('/metrics: Prometheus text for loopback clients, not through a proxy; every answer carries X-Request-Id', async () => {
  await fetch(srv.url + '/katalog');
  await fetch(srv.url + '/tidak-ada');
  const r = await fetch(srv.url + '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  assert.match(r.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  const text = await r.text();
  assert.match(text, /^loket_http_requests_total\{method="GET",route="\/katalog",status="200"\} [1-9]\d*$/m);
  assert.match(text, /^loket_http_requests_total\{method="",route="\(unmatched\)",status="404"\} [1-9]/m);
  assert.match(text, /^loket_http_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]/m);
  assert.match(text, /^# TYPE loket_http_request_duration_seconds histogram$/m);
  for (const name of ['loket_db_pool_size', 'loket_db_pool_in_use', 'loket_outbox_pending', 'loket_outbox_oldest_pending_seconds',
    'loket_outbox_failed', 'loket_mail_failures_total', 'loket_mail_sent_total', 'loket_background_queue_length', 'loket_http_requests_in_flight'])
    assert.match(text, new RegExp(`^${name} \\d+`, 'm'), name);
  assert.match(text, /^loket_mail_sent_total [1-9]/m, 'the mails of the applicant were counted');
  // A request nginx forwarded comes from loopback too, but is refused.
  const proxied = await fetch(srv.url + '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
  assert.equal(proxied.status, 404);
  // A proxy's request id is kept; a hostile one is replaced.
  const kept = await fetch(srv.url + '/katalog', { headers: { 'X-Request-Id': 'nginx-0123456789abcdef' } });
  assert.equal(kept.headers.get('x-request-id'), 'nginx-0123456789abcdef');
  const replaced = await fetch(srv.url + '/katalog', { headers: { 'X-Request-Id': 'a b"c\\d=e<script>' } });
  assert.match(replaced.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  // The access log: key=value, the id, the route pattern; a hostile path cannot forge a line.
  await fetch(srv.url + '/x%0Alevel=error%20msg=forged');
  await new Promise((ok) => setTimeout(ok, 100));
  const lines = srv.log().split('\n');
  assert.ok(lines.some((l) => /^ts=\S+ level=info msg=request id=nginx-0123456789abcdef ip=127\.0\.0\.1 method=GET path=\/katalog route=\/katalog status=200 ms=\d/.test(l)));
  assert.ok(!lines.some((l) => l.startsWith('level=error')), 'no forged line');
  assert.ok(lines.some((l) => l.includes('path="/x\\nlevel=error msg=forged"')));
});

test('/metrics is off by default; behind a trusted proxy the client address is the one the proxy saw', async () => {
  const plain = await startServer({ demo: false, env: { LOKET_TRUSTED_PROXIES: '127.0.0.1,::1' } });
  try {
    const r = await fetch(plain.url + '/metrics');
    assert.equal(r.status, 404);
    assert.ok(r.headers.get('x-request-id'));
    await fetch(plain.url + '/healthz', { headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.7', 'X-Request-Id': 'trusted-proxy-1' } });
    await fetch(plain.url + '/healthz', { headers: { 'X-Forwarded-For': 'not-an-address', 'X-Request-Id': 'trusted-proxy-2' } });
    await new Promise((ok) => setTimeout(ok, 100));
    // The right-most address is nginx's view of the client; the left one the client wrote itself.
    assert.match(plain.log(), /id=trusted-proxy-1 ip=203\.0\.113\.7 /);
    assert.match(plain.log(), /id=trusted-proxy-2 ip=127\.0\.0\.1 /, 'garbage falls back to the peer');
  } finally { await plain.stop(); }
  // Without the setting the header is not believed.
  await fetch(srv.url + '/healthz', { headers: { 'X-Forwarded-For': '203.0.113.7', 'X-Request-Id': 'untrusted-proxy-1' } });
  await new Promise((ok) => setTimeout(ok, 100));
  assert.match(srv.log(), /id=untrusted-proxy-1 ip=127\.0\.0\.1 /);
  const bad = loket(['serve', '--data', join(scratch, 'never2')], { ...bare, LOKET_TRUSTED_PROXIES: 'nginx.local' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /LOKET_TRUSTED_PROXIES: "nginx\.local" is not an IP address/);
});

test('the region index follows an import without a restart', async () => {
  const q = async () => (await (await fetch(srv.url + '/api/v1/wilayah?q=ops-kota-baru&limit=5')).json()).data;
  assert.deepEqual(await q(), []);
  // A copy of the region files with one more kabupaten, imported by another process.
  const dir = join(scratch, 'wilayah');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(WILAYAH_DIR)) if (f.endsWith('.csv')) copyFileSync(join(WILAYAH_DIR, f), join(dir, f));
  const regencies = readFileSync(join(dir, 'regencies.csv'), 'utf8');
  const header = regencies.split('\n')[0];
  assert.match(header, /code/);
  const sample = regencies.split('\n')[1].split(',');
  const row = header.split(',').map((col, i) => col === 'code' ? '19.99' : col === 'name' ? 'KOTA OPS-KOTA-BARU' : col === 'province_code' ? '19' : sample[i]);
  writeFileSync(join(dir, 'regencies.csv'), regencies.replace(/\n*$/, '\n') + row.join(',') + '\n');
  const r = loket(['import-wilayah', '--wilayah', dir], srv.env);
  assert.equal(r.status, 0, r.stderr);
  let found = [];
  for (let i = 0; i < 60 && !found.length; i++) {
    await new Promise((ok) => setTimeout(ok, 200));
    found = await q();
  }
  assert.equal(found.length, 1, 'the new kabupaten is found within a few seconds');
  assert.equal(found[0].code, '19.99');
  // The log line follows the swap; give the pipe a moment.
  for (let i = 0; i < 20 && !/wilayah: the regions changed/.test(srv.log()); i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.match(srv.log(), /wilayah: the regions changed/);
  // And back: importing the original files removes it again.
  assert.equal(loket(['import-wilayah'], srv.env).status, 0);
  for (let i = 0; i < 60 && found.length; i++) {
    await new Promise((ok) => setTimeout(ok, 200));
    found = await q();
  }
  assert.deepEqual(found, []);
});

test('under systemd (Type=notify) serve says READY=1 once it answers and STOPPING=1 at SIGTERM', async () => {
  // A stand-in for systemd's notify socket: a Unix datagram socket that prints what arrives.
  const sock = join(scratch, 'notify.sock');
  const listener = spawn('python3', ['-u', '-c', `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    print(s.recv(4096).decode(), flush=True)
`, sock], { stdio: ['ignore', 'pipe', 'inherit'] });
  let got = '';
  listener.stdout.on('data', (d) => { got += d; });
  try {
    for (let i = 0; i < 100 && !got.includes('listening'); i++) await new Promise((ok) => setTimeout(ok, 50));
    const node = await startServer({ demo: false, env: { NOTIFY_SOCKET: sock } });
    for (let i = 0; i < 40 && !got.includes('READY=1'); i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.match(got, /READY=1/);
    assert.doesNotMatch(got, /STOPPING=1/);
    await node.stop();
    for (let i = 0; i < 40 && !got.includes('STOPPING=1'); i++) await new Promise((ok) => setTimeout(ok, 50));
    assert.match(got, /READY=1\s+STOPPING=1/);
  } finally { listener.kill('SIGTERM'); }
});
