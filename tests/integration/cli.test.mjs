// The command line: help, configuration errors, migrate, import and demo idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loket, makeDatabase, WILAYAH_DIR } from '../lib/harness.mjs';

function withData(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-cli-'));
  const db = makeDatabase(dir);
  try { return fn({ LOKET_DATA: dir, LOKET_DB: db.url, LOKET_WILAYAH_DIR: WILAYAH_DIR }, dir); }
  finally { db.drop(); rmSync(dir, { recursive: true, force: true }); }
}

test('every subcommand has --help', () => {
  for (const cmd of ['serve', 'migrate', 'demo', 'import-wilayah']) {
    const r = loket([cmd, '--help']);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, new RegExp(`Usage: loket ${cmd}`));
    assert.match(r.stdout, /--data DIR/);
    assert.match(r.stdout, /--db URL/);
  }
  const top = loket(['--help']);
  assert.equal(top.status, 0);
  assert.match(top.stdout, /import-wilayah/);
  assert.notEqual(loket(['frobnicate']).status, 0);
});

test('a bad configuration value names the key and what was expected', () => {
  let r = loket(['serve'], { LOKET_LISTEN: 'nonsense' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^loket: LOKET_LISTEN: expected HOST:PORT/);
  r = loket(['serve', '--listen', '127.0.0.1:99999']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--listen: expected HOST:PORT with a port 1-65535/);
  r = loket(['serve', '--threads', 'many']);
  assert.match(r.stderr, /--threads: expected a whole number/);
  r = loket(['serve'], { LOKET_BASE_URL: 'ftp://x' });
  assert.match(r.stderr, /LOKET_BASE_URL: expected a URL starting with http:\/\//);
  r = loket(['migrate', '--bogus']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option "--bogus"/);
});

test('a database that cannot be opened is named in the error', () => {
  let r = loket(['migrate', '--db', '/nonexistent/folder/x.db', '--data', tmpdir()]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\/nonexistent\/folder\/x\.db/);
  r = loket(['migrate', '--db', 'postgresql://nobody@127.0.0.1:1/nodb', '--data', tmpdir()]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nodb/);
});

test('migrate is idempotent', () => withData((env) => {
  const a = loket(['migrate'], env);
  assert.equal(a.status, 0, a.stderr);
  const b = loket(['migrate'], env);
  assert.equal(b.status, 0);
  assert.equal(a.stdout, b.stdout);
  assert.match(b.stdout, /schema version [1-9]/);
  assert.doesNotMatch(b.stderr, /applied/);
}));

test('import-wilayah loads every level and can run twice', () => withData((env) => {
  const a = loket(['import-wilayah'], env);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /38 provinsi, 514 kabupaten\/kota, 7\d{3} kecamatan, 8\d{4} desa/);
  const b = loket(['import-wilayah'], env);
  assert.equal(b.status, 0);
  assert.equal(a.stdout.replace(/ in .*/, ''), b.stdout.replace(/ in .*/, ''));
  const bad = loket(['import-wilayah', '--wilayah', '/nonexistent'], env);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /nonexistent/);
}));

test('demo loads the two offices and is safe to run twice', () => withData((env) => {
  const a = loket(['demo'], env);
  assert.equal(a.status, 0, a.stderr);
  assert.match(a.stdout, /Kota Pangkalpinang and Kabupaten Muara Enim/);
  const b = loket(['demo'], env);
  assert.equal(b.status, 0, b.stderr);
}));
