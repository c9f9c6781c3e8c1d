// tests/lib/tte.mjs — electronic signatures for the tests: a throwaway CA and signer
// certificates (tests/lib/test_ca.sh, the openssl command), the signer's certificate page,
// an application driven through its workflow to the tanda tangan step, the test signing
// service (tests/lib/tte_service.py, its own process, stopped by PID) and what poppler's
// pdfsig says about a PDF.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, freePort } from './harness.mjs';
import { officer, berkas, act, checkAll, tinjau, postFile } from './proses.mjs';
import { Client } from './client.mjs';

const CA = join(ROOT, 'tests', 'lib', 'test_ca.sh');

// A CA in dir; returns { dir, signer(name, cn, email, pass, usage?, start?, end?) → { p12, pem, key } }.
export function testCa(dir) {
  execFileSync(CA, ['ca', dir]);
  return {
    dir,
    signer(name, cn, email, pass, usage = '', start = '', end = '') {
      execFileSync(CA, ['signer', dir, name, cn, email, pass, ...(usage || start || end ? [usage || 'digitalSignature,nonRepudiation'] : []),
        ...(start || end ? [start, end] : [])]);
      return { p12: readFileSync(join(dir, `${name}.p12`)), pem: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
    },
  };
}

// openssl ca's time format, `s` seconds from now.
export const caTime = (s) => new Date(Date.now() + s * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

// Uploads a PKCS#12 file on the signer's own page: { status, body, location }.
export async function uploadCert(c, p12, passphrase, name = 'sertifikat.p12') {
  const page = await c.get('/petugas/sertifikat');
  assert.equal(page.status, 200, 'the certificate page');
  const csrf = page.body.match(/name="csrf" value="([^"]+)"/)[1];
  return postFile(c, '/petugas/sertifikat', { csrf, passphrase }, 'sertifikat', { bytes: p12, type: 'application/x-pkcs12', name });
}

// Takes a submitted application through every step before tanda tangan with the demo
// officers of Kota Pangkalpinang; returns the Penandatangan's client.
export async function toTandaTangan(srv, id) {
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await checkAll(fo, id)).status, 303);
  assert.equal((await act(fo, id, 'teruskan')).status, 303, 'front office');
  const ver = await officer(srv, 'verifikator.pangkalpinang');
  assert.equal((await checkAll(ver, id)).status, 303);
  assert.equal((await act(ver, id, 'teruskan')).status, 303, 'verifikator');
  const tek = await officer(srv, 'teknis.pangkalpinang');
  assert.equal((await tinjau(tek, id)).status, 303);
  assert.equal((await act(tek, id, 'teruskan')).status, 303, 'tinjau lapangan');
  assert.equal((await act(tek, id, 'rekomendasi', { rekomendasi: 'Memenuhi syarat teknis.' })).status, 303);
  assert.equal((await act(tek, id, 'teruskan')).status, 303, 'rekomendasi');
  assert.equal((await act(ver, id, 'setujui', { catatan: 'Disetujui.' })).status, 303, 'penetapan');
  return officer(srv, 'kadis.pangkalpinang');
}

export { berkas, act };

// Uploads a PDF to the public Cek Keaslian Izin page as a visitor: { status, body, verdict }
// where verdict is the data-pdf of the result (asli, diubah, bukan-izin, tanpa-tte).
export async function checkPdf(srv, bytes) {
  const c = new Client(srv.url);
  const page = await c.get('/cek-izin');
  assert.doesNotMatch(page.body, /name="csrf"/, 'the page is the same for every visitor (it is cached)');
  const r = await postFile(c, '/cek-izin/pdf', {}, 'pdf', { bytes, type: 'application/pdf', name: 'izin.pdf' });
  return { ...r, verdict: (r.body.match(/data-pdf="([a-z-]+)"/) || [])[1] };
}

// pdfsig's report of a PDF's signatures (bytes): { valid, signer, whole, text }.
export function pdfsig(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-pdfsig-'));
  try {
    const file = join(dir, 'izin.pdf');
    writeFileSync(file, bytes);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    const text = r.stdout + r.stderr;
    return { valid: /Signature Validation: Signature is Valid\./.test(text),
      signer: (text.match(/Signer Certificate Common Name: (.*)/) || [])[1],
      whole: /Total document signed/.test(text), text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The test signing service on a free port: { url, port, log(), stop() }.  `ca` is the
// throwaway CA folder; the service signs for the users in `users` ({ email: { cn,
// passphrase, key, pem } }) and can be told to misbehave with `mode` (slow, garbage).
export async function startTteService(ca, users, { user = 'loket', password = 'rahasia-layanan', other = '' } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'loket-tte-service-'));
  writeFileSync(join(dir, 'users.json'), JSON.stringify(users));
  const proc = spawn('python3', [join(ROOT, 'tests', 'lib', 'tte_service.py'), '--port', String(port), '--users', join(dir, 'users.json'),
    '--ca', join(ca, 'ca.pem'), '--user', user, '--password', password, '--other', other], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', ok));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 15000; ;) {
    try { if ((await fetch(url + '/healthz')).ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error('the test signing service did not start:\n' + log);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url, port, user, password, log: () => log,
    async mode(m) { await fetch(`${url}/test/mode`, { method: 'POST', body: m }); },
    async totp(email) { return (await (await fetch(`${url}/test/totp?email=${encodeURIComponent(email)}`)).json()).totp; },
    async stop() { if (proc.exitCode === null) { process.kill(proc.pid, 'SIGTERM'); await exited; } rmSync(dir, { recursive: true, force: true }); },
  };
}
