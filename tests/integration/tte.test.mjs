// Electronic signatures on permit PDFs (issue 14, SPEC 5.5) against the real binary, the
// real database and poppler's pdfsig, with a throwaway CA made by openssl: the signer
// uploads their PKCS#12 certificate on their own page (wrong passphrase, not a
// certificate, another person's, expired, without the signing key usage: refused, nothing
// stored); the tanda tangan step asks for the passphrase (missing or wrong: the
// application stays at the step, nothing issued); signed, the applicant's PDF is a PAdES
// document pdfsig calls valid, signed by the signer, covering the whole file, its QR still
// opening the verification page; the signing is in the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitSip, officer } from '../lib/proses.mjs';
import { decode } from '../lib/permohonan.mjs';
import { readPdf, verdictOf } from '../lib/izin.mjs';
import { testCa, caTime, uploadCert, toTandaTangan, berkas, act, pdfsig, checkPdf } from '../lib/tte.mjs';
import { PDF } from '../lib/permohonan.mjs';

let srv, budi, ca, kadisInfo;
const sql = (q) => srv.sql(q);
before(async () => {
  srv = await startServer({ smtp: true });
  const k = loket(['keys', 'create', '--instansi', 'kota-pangkalpinang'], srv.env);
  assert.equal(k.status, 0, k.stderr);
  budi = await activeApplicant(srv, { step1: { username: 'budi.tte', nama: 'dr. Budi Tanda', email: 'budi.tte@example.com' },
    step2: { no_identitas: '1971011508900041' } });
  ca = testCa(join(srv.dataDir, 'test-ca'));
  const [nama, email] = sql(`SELECT nama || '|' || email FROM account WHERE username = 'kadis.pangkalpinang'`).split('|');
  kadisInfo = { nama, email };
});
after(async () => { await srv?.stop(); });

const getBytes = async (c, path) => {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};
const certRows = () => Number(sql('SELECT COUNT(*) FROM tte_sertifikat'));

test('the signer’s certificate page: bad files, wrong passphrase, another person’s or unusable certificates are refused', async () => {
  const kadis = await officer(srv, 'kadis.pangkalpinang');
  let page = await kadis.get('/petugas/sertifikat');
  assert.equal(page.status, 200);
  assert.match(page.body, /Belum ada sertifikat/);
  assert.equal((await (await officer(srv, 'fo.pangkalpinang')).get('/petugas/sertifikat')).status, 403, 'Penandatangan only');

  const mine = ca.signer('kadis', kadisInfo.nama, kadisInfo.email, 'sandi-kadis-2026');
  const other = ca.signer('lain', 'Orang Lain', 'orang.lain@example.com', 'sandi-lain');
  const expired = ca.signer('lama', kadisInfo.nama, kadisInfo.email, 'sandi-kadis-2026', '', '20200101000000Z', '20200201000000Z');
  const future = ca.signer('nanti', kadisInfo.nama, kadisInfo.email, 'sandi-kadis-2026', '', caTime(86400 * 3), caTime(86400 * 30));
  const noSign = ca.signer('enkripsi', kadisInfo.nama, kadisInfo.email, 'sandi-kadis-2026', 'keyEncipherment');

  const cases = [
    [mine.p12, 'salah', /passphrase-nya salah/],
    [Buffer.from('bukan sertifikat sama sekali'), 'sandi-kadis-2026', /bukan sertifikat PKCS#12/],
    [mine.p12, '', /Masukkan passphrase/],
    [other.p12, 'sandi-lain', /bukan milik Anda/],
    [expired.p12, 'sandi-kadis-2026', /sudah kedaluwarsa/],
    [future.p12, 'sandi-kadis-2026', /belum berlaku/],
    [noSign.p12, 'sandi-kadis-2026', /tidak untuk tanda tangan/],
  ];
  for (const [bytes, pass, re] of cases) {
    const r = await uploadCert(kadis, bytes, pass);
    assert.equal(r.status, 400, String(re));
    assert.match(r.body, re);
    assert.ok(!r.body.includes('sandi-kadis-2026'), 'the passphrase is never shown again');
  }
  assert.equal(certRows(), 0, 'nothing stored');

  const r = await uploadCert(kadis, mine.p12, 'sandi-kadis-2026');
  assert.equal(r.status, 303, r.body.slice(0, 400));
  page = await kadis.get(r.location);
  assert.match(page.body, /Sertifikat tersimpan/);
  assert.ok(decode(page.body).includes(kadisInfo.nama) && page.body.includes('Loket Test CA'));
  // At rest: one sealed file, owner-only, not the PKCS#12 as uploaded.
  const files = readdirSync(join(srv.dataDir, 'tte'));
  assert.equal(files.length, 1);
  const file = join(srv.dataDir, 'tte', files[0]);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.equal(statSync(join(srv.dataDir, 'tte')).mode & 0o777, 0o700);
  const sealed = readFileSync(file);
  assert.equal(sealed.subarray(0, 6).toString(), 'LKTTE1');
  assert.equal(sealed.indexOf(mine.p12.subarray(40, 80)), -1, 'the PKCS#12 bytes are not stored as they are');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'tte.sertifikat'`), '1');
});

test('tanda tangan: passphrase asked, a wrong one leaves the application at the step; signed, pdfsig says valid', async () => {
  const app = await submitSip(budi);
  const kadis = await toTandaTangan(srv, app.id);
  let p = await berkas(kadis, app.id);
  assert.match(p.body, /name="tte_passphrase" type="password"/);
  assert.match(p.body, /Tandatangani dan Teruskan/);

  const stays = async (fields, re) => {
    const r = await act(kadis, app.id, 'teruskan', fields);
    assert.equal(r.status, 400);
    assert.match(r.body, re);
    assert.ok(!r.body.includes('sandi-kadis-2026') && !r.body.includes('keliru-2026'), 'no passphrase in the page');
    assert.equal(sql(`SELECT COUNT(*) FROM izin WHERE permohonan_id = ${app.id}`), '0', 'nothing issued');
    assert.equal(sql(`SELECT role_key FROM permohonan_step WHERE permohonan_id = ${app.id} AND status = 'berjalan'`), 'penandatangan');
  };
  await stays({}, /Masukkan passphrase sertifikat Anda/);
  await stays({ tte_passphrase: 'keliru-2026' }, /Passphrase sertifikat salah/);
  const numbersBefore = sql(`SELECT COUNT(*) FROM izin`);

  const r = await act(kadis, app.id, 'teruskan', { tte_passphrase: 'sandi-kadis-2026' });
  assert.equal(r.status, 303, r.body.slice(0, 600));
  assert.equal(Number(sql(`SELECT COUNT(*) FROM izin`)), Number(numbersBefore) + 1);
  const row = sql(`SELECT id || '|' || tte_mode || '|' || tte_signer FROM izin WHERE permohonan_id = ${app.id}`).split('|');
  assert.deepEqual(row.slice(1), ['lokal', kadisInfo.nama]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'izin.tte' AND object_id = ${row[0]}`), '1');
  const audit = loket(['audit', 'verify'], srv.env);
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);

  const pdf = await getBytes(budi, `/pemohon/izin/${row[0]}/unduh`);
  assert.equal(pdf.status, 200);
  const sig = pdfsig(pdf.bytes);
  assert.ok(sig.valid, sig.text);
  assert.equal(sig.signer, kadisInfo.nama);
  assert.ok(sig.whole, 'the signature covers the whole document');
  assert.match(sig.text, /ETSI\.CAdES\.detached/);
  const { text, qr } = readPdf(pdf.bytes);
  assert.ok(text.includes('Ditandatangani secara elektronik'));
  const v = await (await fetch(qr)).text();
  assert.equal(verdictOf(v), 'berlaku', 'the QR signature still verifies');
  assert.ok(decode(v).includes(`data-tte="1">${kadisInfo.nama}, `), 'the verification page names the PDF’s signer');

  // One changed byte: pdfsig no longer calls it valid, nor does Cek Keaslian Izin.
  const changed = Buffer.from(pdf.bytes);
  changed[300] ^= 1;
  assert.ok(!pdfsig(changed).valid);
  let c = await checkPdf(srv, pdf.bytes);
  assert.equal(c.status, 200);
  assert.equal(c.verdict, 'asli');
  assert.ok(decode(c.body).includes(`data-signer="1">${kadisInfo.nama}<`));
  assert.match(c.body, /Tanda tangan elektronik sah/);
  assert.ok(decode(c.body).includes(row[0] ? sql(`SELECT nomor FROM izin WHERE id = ${row[0]}`) : '-'));
  c = await checkPdf(srv, changed);
  assert.equal(c.verdict, 'diubah');
  assert.match(c.body, /telah diubah setelah ditandatangani/);
  assert.ok(!c.body.includes('data-signer'), 'no signer vouched for on an altered file');
  c = await checkPdf(srv, Buffer.concat([pdf.bytes, Buffer.from('\n% ditambahkan kemudian\n')]));
  assert.equal(c.verdict, 'diubah', 'content appended after signing');
  c = await checkPdf(srv, PDF);
  assert.equal(c.verdict, 'tanpa-tte');
  c = await checkPdf(srv, Buffer.from('MZ bukan pdf'));
  assert.equal(c.status, 400);
  assert.match(c.body, /bukan PDF/);
});

test('a certificate that expired after its upload cannot sign', async () => {
  const kadis = await officer(srv, 'kadis.pangkalpinang');
  const endsAt = Date.now() + 12000;
  const brief = ca.signer('singkat', kadisInfo.nama, kadisInfo.email, 'sandi-singkat', '', caTime(-60), caTime(12));
  assert.equal((await uploadCert(kadis, brief.p12, 'sandi-singkat')).status, 303);
  const app = await submitSip(budi);
  await toTandaTangan(srv, app.id);
  await new Promise((ok) => setTimeout(ok, Math.max(0, endsAt + 1500 - Date.now())));
  const r = await act(kadis, app.id, 'teruskan', { tte_passphrase: 'sandi-singkat' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Sertifikat sudah kedaluwarsa/);
  assert.equal(sql(`SELECT COUNT(*) FROM izin WHERE permohonan_id = ${app.id}`), '0');
});
