// tests/lib/tte.mjs — electronic signatures for the tests: a throwaway CA and signer
// certificates (tests/lib/test_ca.sh, the openssl command), the signer's certificate page,
// an application driven through its workflow to the tanda tangan step, the test signing
// service (tests/lib/tte_service.py, its own process, stopped by PID) and what poppler's
// pdfsig says about a PDF.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
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

// ---- the signer's image ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
// The PNG header (signature and IHDR) of a w × h 8-bit greyscale image.
export const pngHead = (w, h) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
};
// A real PNG, w × h greyscale, dark where ink(x, y) is true (a "signature").
export function png(w, h, ink = (x, y) => Math.abs(y - h / 2 - (h / 3) * Math.sin(x / 25)) < 6) {
  const raw = Buffer.alloc((w + 1) * h, 255);
  for (let y = 0; y < h; y++) { raw[y * (w + 1)] = 0; for (let x = 0; x < w; x++) if (ink(x, y)) raw[y * (w + 1) + 1 + x] = 0; }
  return Buffer.concat([pngHead(w, h), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Dark pixels of the PDF page inside the last signature widget's /Rect (PDF points), as
// pdftoppm renders the page at 72 dpi in grey: { dark, total }.
export function darkInSignatureBlock(bytes, page = 1) {
  const text = bytes.toString('latin1');
  const rect = [...text.matchAll(/\/FT \/Sig[^>]*?\/Rect \[([\d. ]+)\]/g)].pop();
  assert.ok(rect, 'a signature widget');
  const [x0, y0, x1, y1] = rect[1].trim().split(/\s+/).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'loket-ppm-'));
  try {
    writeFileSync(join(dir, 'izin.pdf'), bytes);
    execFileSync('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), join(dir, 'izin.pdf'), join(dir, 'p')]);
    const file = readFileSync(join(dir, execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').find((f) => f.endsWith('.pgm'))));
    const head = file.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
    const [w, h] = [Number(head[1]), Number(head[2])];
    const px = file.subarray(head[0].length);
    let dark = 0, total = 0;
    for (let y = Math.ceil(h - y1); y < Math.floor(h - y0); y++)
      for (let x = Math.ceil(x0); x < Math.floor(x1); x++) { total++; if (px[y * w + x] < 128) dark++; }
    return { dark, total };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Uploads a signature image on the signer's page: { status, body, location }.
export async function uploadImage(c, bytes, name = 'ttd.png', type = 'image/png') {
  const page = await c.get('/petugas/sertifikat');
  const csrf = page.body.match(/name="csrf" value="([^"]+)"/)[1];
  return postFile(c, '/petugas/sertifikat/gambar', { csrf }, 'gambar', { bytes, type, name });
}
