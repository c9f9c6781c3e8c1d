// Status Surat for Admin Instansi (issue 9, "SMTP failures"; SPEC 6): a mail the SMTP
// server refuses for good (5xx) is failed at once with its reason, shown to the office's
// Admin Instansi with Kirim ulang, which sends it again; other roles and other offices
// neither see nor resend it.  A real SMTP server (tests/lib/smtp_sink.py).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startSmtpSink } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { ROOT } from '../lib/harness.mjs';

let srv, sink;
// A sink that refuses the first message with 550, then accepts.
async function rejectingSink(dir) {
  const proc = spawn('/usr/bin/python3', [join(ROOT, 'tests/lib/smtp_sink.py'), '--port', '0', '--dir', dir, '--reject-first', '1'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((ok, fail) => {
    let out = '';
    proc.stdout.on('data', (d) => { out += d; const m = out.match(/ready (\d+)/); if (m) ok(Number(m[1])); });
    proc.on('exit', (code) => fail(new Error('smtp_sink exited with ' + code)));
  });
  return { port, dir, stop() { proc.kill('SIGTERM'); } };
}

before(async () => {
  const dir = join((await import('node:os')).tmpdir(), 'loket-surat-' + process.pid);
  sink = await rejectingSink(dir);
  srv = await startServer({ env: { LOKET_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, LOKET_ACCESS_LOG: 'off' } });
});
after(async () => { await srv?.stop(); sink?.stop(); });

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const delivered = () => { try { return readdirSync(sink.dir).filter((n) => n.endsWith('.eml') && !n.startsWith('.')).length; } catch { return 0; } };

test('a refused mail is failed at once with its reason, and Kirim ulang sends it', async () => {
  // A mail of Kota Pangkalpinang's office: a registration received mail.
  srv.sql(`INSERT INTO outbox (instansi_id, kind, to_addr, subject, body, next_attempt_at)
    SELECT id, 'registrasi_diterima', 'ditolak@example.com', 'Registrasi Pemohon', 'Terima kasih.', 0 FROM instansi WHERE slug = 'kota-pangkalpinang'`);
  for (let i = 0; i < 100 && srv.sql("SELECT status FROM outbox WHERE to_addr = 'ditolak@example.com'") === 'pending'; i++) await sleep(100);
  assert.equal(srv.sql("SELECT status || ' ' || attempts FROM outbox WHERE to_addr = 'ditolak@example.com'"), 'failed 1', 'no retry after a 5xx');

  const admin = new Client(srv.url);
  assert.equal((await admin.login('admin.pangkalpinang', DEMO_PASSWORD)).status, 303);
  let page = await admin.get('/petugas/surat');
  assert.equal(page.status, 200);
  assert.match(page.body, /ditolak@example\.com/);
  assert.match(page.body, /Gagal/);
  assert.match(page.body, /550/, 'the reason is shown');
  const action = page.body.match(/action="(\/petugas\/surat\/\d+\/kirim-ulang)"/)[1];

  // Other roles, other offices and forged posts change nothing.
  const fo = new Client(srv.url);
  await fo.login('fo.pangkalpinang', DEMO_PASSWORD);
  assert.equal((await fo.get('/petugas/surat')).status, 403);
  const other = new Client(srv.url);
  await other.login('admin.muaraenim', DEMO_PASSWORD);
  assert.doesNotMatch((await other.get('/petugas/surat')).body, /ditolak@example\.com/);
  assert.equal((await other.post(action, { csrf: await other.csrf('/petugas/surat') })).status, 404, 'another office');
  assert.equal((await admin.post(action, { csrf: 'palsu' })).status, 403, 'CSRF');
  assert.equal(srv.sql("SELECT status FROM outbox WHERE to_addr = 'ditolak@example.com'"), 'failed');

  const r = await admin.post(action, { csrf: await admin.csrf('/petugas/surat') });
  assert.equal(r.status, 303);
  for (let i = 0; i < 100 && srv.sql("SELECT status FROM outbox WHERE to_addr = 'ditolak@example.com'") !== 'sent'; i++) await sleep(100);
  assert.equal(srv.sql("SELECT status || ' ' || attempts FROM outbox WHERE to_addr = 'ditolak@example.com'"), 'sent 2');
  assert.ok(delivered() >= 1);
  page = await admin.get('/petugas/surat');
  assert.match(page.body, /Terkirim/);
  assert.equal((await admin.post(action, { csrf: await admin.csrf('/petugas/surat') })).status, 404, 'a sent mail is not resent');
});
