// PAdES baseline B-T (issue 14, docs/tte.md) against the real binary, the real database,
// poppler's pdfsig and a test timestamp authority (tests/lib/tsa_service.py, its own
// process signing with `openssl ts -reply` and a throwaway TSA certificate): Loket
// configured with LOKET_TTE_TSA_URL gives each signature an RFC 3161 timestamp.  A TSA
// that answers garbage, an HTTP error, a rejection, a token over other data, a token of a
// TSA outside LOKET_TTE_TSA_CA, one that is too slow or one that is down: a clear message,
// the application stays at tanda tangan and nothing is issued.  Stamped, pdfsig calls the
// permit valid and Loket shows the timestamp's time and TSA (record and uploaded PDF).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitSip, officer } from '../lib/proses.mjs';
import { decode } from '../lib/permohonan.mjs';
import { readPdf } from '../lib/izin.mjs';
import { testCa, testTsa, uploadCert, toTandaTangan, act, pdfsig, checkPdf, startTsaService, lastCms } from '../lib/tte.mjs';

let srv, tsa, budi, caDir, otherDir;
const PASS = 'sandi-kadis-bt-2026';
const sql = (q) => srv.sql(q);
before(async () => {
  caDir = mkdtempSync(join(tmpdir(), 'loket-tsa-ca-'));
  otherDir = mkdtempSync(join(tmpdir(), 'loket-tsa-lain-'));
  const ca = testCa(caDir);
  testTsa(caDir, 'tsa', 'Loket Test TSA');
  testCa(otherDir);   // another CA: its TSA is not in LOKET_TTE_TSA_CA
  tsa = await startTsaService(caDir, { other: testTsa(otherDir, 'tsa', 'TSA Lain') });
  srv = await startServer({ smtp: true, env: { LOKET_TTE_TSA_URL: tsa.url + '/', LOKET_TTE_TSA_CA: join(caDir, 'ca.pem'),
    LOKET_TTE_TSA_TIMEOUT: '3' } });
  const k = loket(['keys', 'create', '--instansi', 'kota-pangkalpinang'], srv.env);
  assert.equal(k.status, 0, k.stderr);
  budi = await activeApplicant(srv, { step1: { username: 'budi.bt', nama: 'dr. Budi Stempel', email: 'budi.bt@example.com' },
    step2: { no_identitas: '1971011508900061' } });
  const [nama, email] = sql(`SELECT nama || '|' || email FROM account WHERE username = 'kadis.pangkalpinang'`).split('|');
  const kadis = await officer(srv, 'kadis.pangkalpinang');
  assert.equal((await uploadCert(kadis, ca.signer('kadis', nama, email, PASS).p12, PASS)).status, 303);
});
after(async () => {
  await srv?.stop();
  await tsa?.stop();
  rmSync(caDir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

const getBytes = async (c, path) => {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};

const stays = async (signer, id, re, what) => {
  const r = await act(signer, id, 'teruskan', { tte_passphrase: PASS });
  assert.equal(r.status, 400, what);
  assert.match(r.body, re, what);
  assert.equal(sql(`SELECT COUNT(*) FROM izin WHERE permohonan_id = ${id}`), '0', what);
  assert.equal(sql(`SELECT role_key FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`), 'penandatangan', what);
};

test('a TSA that misbehaves refuses the signing; a good one stamps it, pdfsig says valid and Loket shows the time', async () => {
  const app = await submitSip(budi);
  const kadis = await toTandaTangan(srv, app.id);
  const issuedBefore = sql('SELECT COUNT(*) FROM izin');
  for (const [mode, re] of [
    ['garbage', /stempel waktu \(TSA\) memberi jawaban yang tidak dapat dibaca/],
    ['http-error', /stempel waktu \(TSA\) menolak permintaan \(HTTP 503\)/],
    ['reject', /stempel waktu \(TSA\) menolak permintaan \(status 2: Permintaan ditolak oleh TSA uji\)/],
    ['wrong-imprint', /Stempel waktu dari TSA bukan untuk tanda tangan ini/],
    ['other-tsa', /Sertifikat TSA tidak dipercaya/],
    ['slow', /stempel waktu \(TSA\) tidak menjawab tepat waktu/],
  ]) {
    await tsa.mode(mode);
    await stays(kadis, app.id, re, mode);
  }
  assert.equal(sql('SELECT COUNT(*) FROM izin'), issuedBefore, 'no number used up');
  await tsa.mode('normal');
  const asked = await tsa.count();
  const before = Math.floor(Date.now() / 1000);
  const r = await act(kadis, app.id, 'teruskan', { tte_passphrase: PASS });
  assert.equal(r.status, 303, r.body.slice(0, 600));
  assert.equal(await tsa.count(), asked + 1, 'one query per signature');
  const [id, tsAt, tsaName, nomor] = sql(`SELECT id || '|' || tte_ts_at || '|' || tte_tsa || '|' || nomor FROM izin WHERE permohonan_id = ${app.id}`).split('|');
  assert.equal(tsaName, 'Loket Test TSA');
  const t = Date.parse(tsAt) / 1000;
  assert.ok(t >= before - 5 && t <= Date.now() / 1000 + 5, tsAt);
  assert.match(sql(`SELECT detail FROM audit_log WHERE action = 'izin.tte' AND object_id = ${id}`), /stempel waktu Loket Test TSA/);

  const pdf = await getBytes(budi, `/pemohon/izin/${id}/unduh`);
  const sig = pdfsig(pdf.bytes);
  assert.ok(sig.valid, sig.text);
  assert.ok(sig.whole, sig.text);
  // pdfsig (poppler 22.12) says nothing of the timestamp; the CMS carries it as the
  // unsigned attribute id-aa-signatureTimeStampToken, a token of the test TSA.
  const { der, dump } = lastCms(pdf.bytes);
  assert.match(dump, /unsignedAttrs:\s*\n\s*object: id-smime-aa-timeStampToken/);
  assert.ok(der.includes(Buffer.from('Loket Test TSA')), 'the token carries the TSA certificate');
  const { qr } = readPdf(pdf.bytes);
  const v = decode(await (await fetch(qr)).text());
  assert.match(v, /data-ts="1">[^<]*, Loket Test TSA</, 'the verification page shows the timestamp from the record');
  const c = await checkPdf(srv, pdf.bytes);
  assert.equal(c.verdict, 'asli');
  assert.match(decode(c.body), /data-ts="1">[^<]*, Loket Test TSA</, 'Cek Keaslian Izin shows the timestamp of the PDF');
  assert.ok(decode(c.body).includes(nomor));
});

test('a TSA that is down: refused with a message, nothing issued', async () => {
  const app = await submitSip(budi);
  const kadis = await toTandaTangan(srv, app.id);
  await tsa.stop();
  await stays(kadis, app.id, /stempel waktu \(TSA\) tidak dapat dihubungi/, 'down');
});

test('a TSA without its trust bundle, or with an unreadable one: loket serve does not start', () => {
  for (const [ca, re] of [['', /LOKET_TTE_TSA_URL needs LOKET_TTE_TSA_CA/], [join(caDir, 'tidak-ada.pem'), /cannot read certificates/]]) {
    const r = loket(['serve', '--listen', '127.0.0.1:1'], { ...srv.env, LOKET_TTE_TSA_CA: ca });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, re);
  }
});
