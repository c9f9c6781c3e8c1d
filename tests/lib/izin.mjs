// tests/lib/izin.mjs — issued permits for the tests: an applicant's SIP Dokter application
// taken through Tambah → Buat, its permit issued with `loket izin terbit` (until the
// workflow's end calls izin_issue itself), and reading a permit PDF's text and QR code
// the way a person's tools would (pdftotext, pdftoppm + zbarimg).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loket } from './harness.mjs';
import { tambah, chooseSip, uploadAll, saveAll, ticks, buat, decode, SIP_TEKNIS, LOKASI } from './permohonan.mjs';

// Submits a complete SIP Dokter application of `c` (jp: baru, perpanjangan, perubahan);
// for a draft made elsewhere (Perpanjang) pass its path.  Returns its number.
export async function submitSip(c, { jp = 'baru', path = null, fields = {} } = {}) {
  let choice = {};
  if (!path) {
    const d = await tambah(c);
    path = d.path;
    choice = await chooseSip(c, path, jp);
  }
  const docs = await uploadAll(c, path);
  const page = (await c.get(path)).body;
  const r = await saveAll(c, path, { ...choice, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...fields, ...ticks(page, docs) });
  assert.equal(r.status, 303, 'Simpan');
  const done = await buat(c, path);
  assert.equal(done.status, 200, 'Buat: ' + (done.body.match(/Yang belum lengkap:[\s\S]*?<\/ul>/) || [''])[0]);
  return decode(done.body.match(/class="pm-nomor">([^<]+)</)[1]);
}

// `loket izin terbit`: { nomor, kode, url } of the permit.  The demo signers (with
// demoPermits) have demo certificates: their passphrase signs the PDF too.
export const DEMO_TTE_PASSPHRASE = 'demo-tte-2026';
export function issue(srv, nomorPermohonan, { signer = 'kadis.pangkalpinang', at = null } = {}) {
  const args = ['izin', 'terbit', nomorPermohonan, '--penandatangan', signer, ...(at ? ['--at', at] : [])];
  const r = loket(args, { ...srv.env, LOKET_BASE_URL: srv.url, LOKET_TTE_PASSPHRASE: DEMO_TTE_PASSPHRASE });
  assert.equal(r.status, 0, 'loket izin terbit: ' + r.stderr);
  const [first, kode, url] = r.stdout.trim().split('\n');
  return { nomor: first.replace(/^(issued|already issued:) /, ''), kode: kode.replace(/^kode /, ''), url, already: first.startsWith('already') };
}

// The text and the decoded QR code of a PDF (bytes).
export function readPdf(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-pdf-'));
  try {
    const file = join(dir, 'izin.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(pages), '-l', String(pages), '-singlefile', file, join(dir, 'p')]);
    const qr = execFileSync('zbarimg', ['--raw', '-q', join(dir, 'p.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { text, qr, pages };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The verdict a verification page shows: berlaku, kedaluwarsa, dicabut, tidak-asli.
export const verdictOf = (html) => (html.match(/data-verdict="([a-z-]+)"/) || [])[1];
