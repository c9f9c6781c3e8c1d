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

// A Python test service of tests/lib on a free port, up when its /healthz answers:
// { url, port, log(), mode(m), stop() } (stop ends exactly that process).
async function startPythonService(script, args, what) {
  const port = await freePort();
  const proc = spawn('python3', [join(ROOT, 'tests', 'lib', script), '--port', String(port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((ok) => proc.on('exit', ok));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 15000; ;) {
    try { if ((await fetch(url + '/healthz')).ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`the ${what} did not start:\n` + log);
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url, port, log: () => log,
    async mode(m) { await fetch(`${url}/test/mode`, { method: 'POST', body: m }); },
    async stop() { if (proc.exitCode === null && proc.signalCode === null) { process.kill(proc.pid, 'SIGTERM'); await exited; } },
  };
}

// The DER CMS of a PDF's last signature (its /Contents without the zero padding) and
// what `openssl cms -cmsout -print` says of it: { der, dump }.
export function lastCms(bytes) {
  const text = bytes.toString('latin1');
  const m = [...text.matchAll(/\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].pop();
  assert.ok(m, 'a signature');
  const hex = text.slice(Number(m[1]) + 1, Number(m[2]) - 1);
  const all = Buffer.from(hex, 'hex');
  assert.equal(all[0], 0x30);
  const n = all[1] < 0x80 ? all[1] + 2 : 2 + (all[1] & 0x7f) + all.subarray(2, 2 + (all[1] & 0x7f)).reduce((a, b) => a * 256 + b, 0);
  const der = all.subarray(0, n);
  const dump = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER'], { input: der, encoding: 'utf8' });
  return { der, dump };
}

// The test signing service on a free port: { url, port, log(), stop() }.  `ca` is the
// throwaway CA folder; the service signs for the users in `users` ({ email: { cn,
// passphrase, key, pem, nik? } }) and can be told to misbehave with `mode` (slow, garbage).
export async function startTteService(ca, users, { user = 'loket', password = 'rahasia-layanan', other = '' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-tte-service-'));
  writeFileSync(join(dir, 'users.json'), JSON.stringify(users));
  const svc = await startPythonService('tte_service.py', ['--users', join(dir, 'users.json'), '--ca', join(ca, 'ca.pem'),
    '--user', user, '--password', password, '--other', other], 'test signing service');
  return {
    ...svc, user, password,
    async totp(email) { return (await (await fetch(`${svc.url}/test/totp?email=${encodeURIComponent(email)}`)).json()).totp; },
    async stop() { await svc.stop(); rmSync(dir, { recursive: true, force: true }); },
  };
}

// The test timestamp authority (tests/lib/tsa_service.py) on a free port, signing with a
// TSA certificate of the CA `ca` made by test_ca.sh tsa (name `tsa`); mode 'other-tsa'
// signs with `other` instead (another test_ca.sh tsa name, e.g. of another CA):
// { url, mode(m), count(), stop() }.
export async function startTsaService(ca, { name = 'tsa', other = '' } = {}) {
  const svc = await startPythonService('tsa_service.py', ['--config', join(ca, `${name}.cnf`),
    ...(other ? ['--other-config', other] : [])], 'test timestamp authority');
  return { ...svc, async count() { return Number(await (await fetch(`${svc.url}/test/count`)).text()); } };
}

// A TSA certificate in the CA folder (test_ca.sh tsa): its configuration file's path.
export function testTsa(ca, name, cn, eku = '') {
  execFileSync(CA, ['tsa', ca, name, cn, ...(eku ? [eku] : [])]);
  return join(ca, `${name}.cnf`);
}
