// The permit template of a jenis izin (web/admin_izin_surat.c, domain/izin/izin_template.c):
// Admin Instansi edits the title and text on the *Surat Izin* tab, a bad placeholder is
// refused beside its field and nothing is stored, *Pratinjau (PDF)* draws a sample permit
// without storing, the next permit issued carries the new text, *Kembalikan ke Bawaan*
// goes back, and another office's admin cannot touch it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { csrfOf, decode } from '../lib/permohonan.mjs';
import { submitSip, issue, readPdf } from '../lib/izin.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let srv, admin, budi, sipId, path;
before(async () => {
  srv = await startServer({ demoPermits: true });
  admin = new Client(srv.url);
  await admin.login('admin.pangkalpinang', DEMO_PASSWORD);
  budi = await activeApplicant(srv, { step1: { username: 'budi.surat', nama: 'dr. Budi Surat', email: 'budi.surat@example.com' },
    step2: { no_identitas: '1971011508900061' } });
  sipId = srv.sql(`SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id
    WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'sip-dokter'`);
  path = `/petugas/admin/izin/${sipId}/surat-izin`;
});
after(async () => { await srv?.stop(); });

const stored = () => srv.sql(`SELECT count(*) FROM izin_template WHERE jenis_izin_id = ${sipId}`);
const errOf = (html, field) => decode((html.match(new RegExp(`id="${field}-err">([^<]*)<`)) || [])[1] || '');
async function post(c, fields) {
  const csrf = csrfOf((await c.get(path)).body);
  return c.post(path, { csrf, ...fields });
}
async function postBytes(c, fields) {
  const csrf = csrfOf((await c.get(path)).body);
  const res = await fetch(srv.url + path, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ csrf, ...fields }),
    headers: { cookie: c.cookieHeader() } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

// Where on the page a word of the PDF begins, in points from the left (poppler's word boxes).
function xOf(pdf, word) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-letak-'));
  try {
    writeFileSync(join(dir, 'p.pdf'), pdf);
    const boxes = execFileSync('pdftotext', ['-bbox', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
    const m = boxes.match(new RegExp(`<word xMin="([0-9.]+)"[^>]*>${word}</word>`));
    assert.ok(m, `${word} is on the page`);
    return Number(m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const HALF_A4 = 595.28 / 2;

const TEKS = 'Dengan ini {kantor} memberikan izin praktik kepada {pemegang} dengan STR {dt.no_str}.\r\n\r\n{rincian}\r\n\r\n' +
  'Izin ini dicetak dari template uji Loket. {masa_berlaku}';

test('the Surat Izin tab shows the built-in template and every placeholder of the jenis izin', async () => {
  const page = await admin.get(path);
  assert.equal(page.status, 200);
  assert.match(page.body, /aria-current="page">Surat Izin</);
  assert.match(page.body, /Jenis izin ini memakai template bawaan/);
  assert.match(page.body, /<textarea id="isi"[^>]*>Berdasarkan permohonan Nomor \{nomor_permohonan\}/);
  for (const k of ['{pemegang}', '{nomor}', '{masa_berlaku}', '{rincian}', '{dt.no_str}'])
    assert.ok(page.body.includes(`<code>${k}</code>`), `lists ${k}`);
  assert.doesNotMatch(page.body, /Kembalikan ke Bawaan/, 'nothing to go back from yet');
});

test('bad templates are refused beside their field and store nothing', async () => {
  const cases = [
    [{ judul: '{jenis_izin}', isi: 'Kepada {nama_lengkap}.' }, 'isi', /\{nama_lengkap\} bukan kode isian jenis izin ini/],
    [{ judul: '{jenis_izin}', isi: 'Tabel: {rincian} di sini.' }, 'isi', /\{rincian\} harus berdiri sendiri/],
    [{ judul: '{jenis_izin}', isi: 'Tanpa penutup {pemegang' }, 'isi', /bukan kode isian/],
    [{ judul: '', isi: 'Isi.' }, 'judul', /wajib diisi/],
    [{ judul: 'A'.repeat(201), isi: 'Isi.' }, 'judul', /paling banyak 200 karakter/],
    [{ judul: 'Surat {rincian}', isi: 'Isi.' }, 'judul', /hanya dapat dipakai di isi/],
    [{ judul: 'Izin', isi: 'Isi dengan \u0007 bel.' }, 'isi', /karakter kendali/],
  ];
  for (const [fields, field, want] of cases) {
    const r = await post(admin, { aksi: 'simpan', ...fields });
    assert.equal(r.status, 400, JSON.stringify(fields));
    assert.match(errOf(r.body, field), want, JSON.stringify(fields));
    assert.match(r.body, new RegExp(`aria-invalid="true"`));
  }
  assert.equal(stored(), '0', 'nothing stored');
  const kept = await post(admin, { aksi: 'simpan', judul: 'Surat Izin', isi: 'Kepada {nama_lengkap}.' });
  assert.match(kept.body, /<textarea id="isi"[^>]*>Kepada \{nama_lengkap\}\.</, 'what was typed is kept');
  assert.equal((await admin.post(path, { csrf: 'palsu', aksi: 'simpan', judul: 'X', isi: 'Y' })).status, 403, 'CSRF');
  const place = await post(admin, { aksi: 'simpan', judul: 'Surat Izin', isi: 'Isi.', ttd_letak: 'atas' });
  assert.equal(place.status, 400, 'a signature place that is not offered');
  assert.match(errOf(place.body, 'ttd_letak'), /pilih salah satu/);
  assert.equal(stored(), '0');
});

test('Pratinjau draws a sample permit from the typed text without storing it', async () => {
  const r = await postBytes(admin, { aksi: 'pratinjau', judul: 'Surat Izin Praktik Uji', isi: TEKS });
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/pdf');
  const text = readPdf(r.bytes).text.replace(/\s+/g, ' ');
  assert.match(text, /SURAT IZIN PRAKTIK UJI/);
  assert.match(text, /Izin ini dicetak dari template uji Loket/);
  assert.match(text, /dr\. Contoh Pemohon/);
  assert.equal(stored(), '0', 'a preview stores nothing');
  assert.ok(xOf(r.bytes, 'Ditandatangani') > HALF_A4, 'the built-in place: the signer on the right');
  const left = await postBytes(admin, { aksi: 'pratinjau', judul: 'Surat Izin Praktik Uji', isi: TEKS, ttd_letak: 'kiri' });
  assert.ok(xOf(left.bytes, 'Ditandatangani') < HALF_A4, 'Kiri: the signer on the left');
  assert.ok(xOf(left.bytes, 'Pindai') > HALF_A4, 'and the QR with its words on the right');
  const bad = await post(admin, { aksi: 'pratinjau', judul: 'X', isi: '{tidak_ada}' });
  assert.equal(bad.status, 400, 'a bad template is not previewed');
});

test('a saved template is on the next permit issued, audited; Kembalikan ke Bawaan goes back', async () => {
  const r = await post(admin, { aksi: 'simpan', judul: 'Surat Izin Praktik Uji', isi: TEKS, ttd_letak: 'kiri' });
  assert.equal(r.status, 303);
  const page = (await admin.get(r.location)).body;
  assert.match(page, /id="ttd_letak-kiri" name="ttd_letak" value="kiri" checked/, 'the place is kept');
  assert.match(page, /Template surat izin disimpan/);
  assert.match(page, /Template milik jenis izin ini, terakhir diubah/);
  assert.equal(srv.sql(`SELECT isi FROM izin_template WHERE jenis_izin_id = ${sipId}`).includes('\r'), false, 'stored with LF');
  assert.equal(srv.sql(`SELECT count(*) FROM audit_log WHERE action = 'izin_template.simpan' AND object_id = ${sipId}`), '1');

  const permit = issue(srv, await submitSip(budi));
  const id = srv.sql(`SELECT id FROM izin WHERE nomor = '${permit.nomor}'`);
  const res = await fetch(`${srv.url}/pemohon/izin/${id}/unduh`, { headers: { cookie: budi.cookieHeader() } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const { text: layout, qr } = readPdf(bytes);
  assert.ok(xOf(bytes, 'Ditandatangani') < HALF_A4, 'the issued permit has the signer on the left');
  const text = layout.replace(/\s+/g, ' ');   // lines as wrapped on the page, joined
  assert.match(text, /SURAT IZIN PRAKTIK UJI/);
  assert.match(text, /memberikan izin praktik kepada dr\. Budi Surat dengan STR STR-1234567890/);
  assert.equal(qr, permit.url, 'the QR still verifies');

  const back = await post(admin, { aksi: 'bawaan' });
  assert.equal(back.status, 303);
  assert.match((await admin.get(back.location)).body, /Template bawaan dipakai lagi/);
  assert.equal(stored(), '0');
});

test('another office’s admin and other roles cannot read or change the template', async () => {
  const other = new Client(srv.url);
  await other.login('admin.muaraenim', DEMO_PASSWORD);
  assert.equal((await other.get(path)).status, 404);
  const csrf = csrfOf((await other.get('/petugas/admin/izin')).body);
  assert.equal((await other.post(path, { csrf, aksi: 'simpan', judul: 'X', isi: 'Y' })).status, 404);
  const kadis = new Client(srv.url);
  await kadis.login('kadis.pangkalpinang', DEMO_PASSWORD);
  assert.equal((await kadis.get(path)).status, 403);
  assert.equal(stored(), '0');
});
