// The remote signer (issue 14, docs/tte.md) end to end over HTTP: Loket configured with
// LOKET_TTE_URL signs permits through the test signing service (tests/lib/tte_service.py,
// its own process with a throwaway CA), with the passphrase or a TOTP code the service
// sends.  A wrong passphrase, a service that times out, answers garbage, signs with
// another person's certificate or returns another document: a clear message, the
// application stays at tanda tangan and nothing is issued.  Signed, pdfsig calls the
// applicant's PDF valid, signed by the signer.  With a timestamp authority configured
// (tests/lib/tsa_service.py), Loket adds the RFC 3161 token to the signature the service
// returned (an unsigned attribute, outside the signed bytes) and pdfsig still says valid.
// An officer's NIK, set by Admin Instansi (validated, shown masked), identifies the signer
// to the service instead of the email, for the TOTP and the signing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitSip } from '../lib/proses.mjs';
import { officer as adminOf, submitForm, summary } from '../lib/admin.mjs';
import { decode } from '../lib/permohonan.mjs';
import { testCa, testTsa, toTandaTangan, berkas, act, pdfsig, startTteService, startTsaService, checkPdf, lastCms } from '../lib/tte.mjs';

let srv, service, tsa, budi, ca, caDir, kadis;
const sql = (q) => srv.sql(q);
before(async () => {
  caDir = mkdtempSync(join(tmpdir(), 'loket-tte-ca-'));
  ca = testCa(caDir);
  // The demo's Penandatangan of Kota Pangkalpinang, as the service knows them.
  const nama = 'Kepala Dinas DPMPTSP & NAKER Kota Pangkalpinang', email = 'kadis@pangkalpinang.demo.loket.id';
  kadis = { nama, email, passphrase: 'sandi-bsre-2026', nik: '1971011508750041', ...ca.signer('kadis', nama, email, 'x') };
  const other = { nama: 'Orang Lain', email: 'lain@example.com', passphrase: 'lain', ...ca.signer('lain', 'Orang Lain', 'lain@example.com', 'x') };
  service = await startTteService(caDir, {
    [email]: { cn: nama, passphrase: kadis.passphrase, key: kadis.key, pem: kadis.pem, nik: kadis.nik },
    [other.email]: { cn: other.nama, passphrase: other.passphrase, key: other.key, pem: other.pem },
  }, { other: other.email });
  testTsa(caDir, 'tsa', 'Loket Test TSA');
  tsa = await startTsaService(caDir);
  srv = await startServer({ smtp: true, env: { LOKET_TTE_URL: service.url, LOKET_TTE_USER: service.user,
    LOKET_TTE_PASSWORD: service.password, LOKET_TTE_TIMEOUT: '3', LOKET_TTE_REQUIRED: 'on',
    LOKET_TTE_TSA_URL: tsa.url, LOKET_TTE_TSA_CA: join(caDir, 'ca.pem') } });
  assert.equal(sql(`SELECT nama || '|' || email FROM account WHERE username = 'kadis.pangkalpinang'`), `${nama}|${email}`);
  const k = loket(['keys', 'create', '--instansi', 'kota-pangkalpinang'], srv.env);
  assert.equal(k.status, 0, k.stderr);
  budi = await activeApplicant(srv, { step1: { username: 'budi.bsre', nama: 'dr. Budi Remote', email: 'budi.bsre@example.com' },
    step2: { no_identitas: '1971011508900051' } });
});
after(async () => { await srv?.stop(); await service?.stop(); await tsa?.stop(); rmSync(caDir, { recursive: true, force: true }); });

const getBytes = async (c, path) => {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};

test('refusals by or of the service leave the application at tanda tangan; then the passphrase signs it', async () => {
  const app = await submitSip(budi);
  const signer = await toTandaTangan(srv, app.id);
  const p = await berkas(signer, app.id);
  assert.match(p.body, /name="tte_passphrase"/);
  assert.match(p.body, /name="tte_totp"/);
  assert.match(p.body, /Kirim Kode TOTP/);
  const stays = async (fields, re, what) => {
    const r = await act(signer, app.id, 'teruskan', fields);
    assert.equal(r.status, 400, what);
    assert.match(r.body, re, what);
    assert.ok(!r.body.includes(kadis.passphrase), 'no passphrase in the page');
    assert.equal(sql(`SELECT COUNT(*) FROM izin WHERE permohonan_id = ${app.id}`), '0', what);
    assert.equal(sql(`SELECT role_key FROM permohonan_step WHERE permohonan_id = ${app.id} AND status = 'berjalan'`), 'penandatangan');
  };
  await stays({}, /Masukkan passphrase atau kode TOTP/, 'nothing typed');
  await stays({ tte_passphrase: 'salah' }, /Layanan tanda tangan elektronik menolak: Passphrase anda salah/, 'wrong passphrase');
  await stays({ tte_totp: '000000' }, /TOTP tidak valid/, 'a TOTP never sent');
  for (const [mode, re] of [['slow', /tidak menjawab tepat waktu/], ['garbage', /tidak dapat dibaca/],
    ['wrong-signer', /bukan milik penandatangan yang masuk/], ['tamper', /bukan dokumen izin yang dikirim/]]) {
    await service.mode(mode);
    await stays({ tte_passphrase: kadis.passphrase }, re, mode);
  }
  await service.mode('normal');
  const r = await act(signer, app.id, 'teruskan', { tte_passphrase: kadis.passphrase });
  assert.equal(r.status, 303, r.body.slice(0, 500));
  const [id, mode, who] = sql(`SELECT id || '|' || tte_mode || '|' || tte_signer FROM izin WHERE permohonan_id = ${app.id}`).split('|');
  assert.deepEqual([mode, who], ['remote', kadis.nama]);
  assert.equal(sql(`SELECT tte_tsa FROM izin WHERE id = ${id}`), 'Loket Test TSA');
  const pdf = await getBytes(budi, `/pemohon/izin/${id}/unduh`);
  const sig = pdfsig(pdf.bytes);
  assert.ok(sig.valid, sig.text);
  assert.match(lastCms(pdf.bytes).dump, /object: id-smime-aa-timeStampToken/, 'the service’s signature got the timestamp');
  assert.equal(sig.signer, kadis.nama);
  assert.ok(sig.whole);
  assert.equal((await checkPdf(srv, pdf.bytes)).verdict, 'asli');
  // Signed once more by someone else: the signature is intact, but it is not the permit issued.
  const again = await fetch(`${service.url}/api/v2/sign/pdf`, { method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Basic ' + Buffer.from(`${service.user}:${service.password}`).toString('base64') },
    body: JSON.stringify({ email: 'lain@example.com', passphrase: 'lain', signatureProperties: [{ page: 1 }], file: [pdf.bytes.toString('base64')] }) });
  assert.equal(again.status, 200);
  const resigned = Buffer.from((await again.json()).file[0], 'base64');
  const c = await checkPdf(srv, resigned);
  assert.equal(c.verdict, 'bukan-izin');
  assert.ok(!c.body.includes('Orang Lain'), 'an unknown certificate’s name is not shown as vouched for');
});

test('TOTP: Kirim Kode TOTP asks the service, the code signs once', async () => {
  const app = await submitSip(budi);
  const signer = await toTandaTangan(srv, app.id);
  let r = await act(signer, app.id, 'tte_totp');
  assert.equal(r.status, 303);
  assert.match((await signer.get(r.location)).body, /Kode TOTP dikirim/);
  const code = await service.totp(kadis.email);
  assert.match(code, /^\d{6}$/);
  r = await act(signer, app.id, 'teruskan', { tte_totp: code });
  assert.equal(r.status, 303, r.body.slice(0, 500));
  const id = sql(`SELECT id FROM izin WHERE permohonan_id = ${app.id}`);
  assert.ok(pdfsig((await getBytes(budi, `/pemohon/izin/${id}/unduh`)).bytes).valid);
});

test('NIK: Admin Instansi sets a valid one (shown masked); the service is then asked by NIK, not by email', async () => {
  const last = async () => (await fetch(`${service.url}/test/last`)).json();
  // Without a NIK the service is asked by email (the tests above).
  assert.deepEqual(await last(), { by: 'email', value: kadis.email });
  const admin = await adminOf(srv);
  const kadisId = sql(`SELECT id FROM account WHERE username = 'kadis.pangkalpinang'`);
  const path = `/petugas/admin/petugas/${kadisId}`;
  let form = await admin.get(path);
  assert.equal(form.status, 200);
  for (const [nik, re] of [['12345', /NIK harus 16 angka/], ['1971013508750041', /Digit 7–12 NIK harus tanggal lahir/],
    ['197101150875004x', /NIK harus 16 angka/]]) {
    const r = await submitForm(admin, form.body, path, { nik });
    assert.equal(r.status, 400, nik);
    assert.ok(summary(r.body).some((s) => re.test(s)), `${nik}: ${summary(r.body)}`);
  }
  assert.equal(sql(`SELECT COALESCE(nik, '-') FROM account WHERE id = ${kadisId}`), '-', 'nothing stored');
  // A NIK the service does not know: it is sent instead of the email, so the service refuses.
  let r = await submitForm(admin, form.body, path, { nik: '1971011508750099' });
  assert.equal(r.status, 303, summary(r.body).join('; '));
  const app = await submitSip(budi);
  const signer = await toTandaTangan(srv, app.id);
  r = await act(signer, app.id, 'teruskan', { tte_passphrase: kadis.passphrase });
  assert.equal(r.status, 400);
  assert.match(r.body, /Pengguna tidak terdaftar/);
  assert.deepEqual(await last(), { by: 'nik', value: '1971011508750099' });
  // The right one; the form shows it masked and never whole, and keeps it when left blank.
  form = await admin.get(path);
  r = await submitForm(admin, form.body, path, { nik: kadis.nik });
  assert.equal(r.status, 303);
  form = await admin.get(path);
  assert.ok(decode(form.body).includes('197101******0041'));
  assert.ok(!form.body.includes(kadis.nik), 'the NIK is never shown whole');
  r = await submitForm(admin, form.body, path, { jabatan: 'Kepala Dinas' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT nik FROM account WHERE id = ${kadisId}`), kadis.nik, 'a blank field keeps the NIK');
  assert.ok(!sql(`SELECT detail FROM audit_log WHERE action = 'petugas.ubah' ORDER BY id DESC LIMIT 3`).includes(kadis.nik),
    'nor in the audit trail');

  // TOTP and signing by NIK, end to end.
  r = await act(signer, app.id, 'tte_totp');
  assert.equal(r.status, 303);
  assert.deepEqual(await last(), { by: 'nik', value: kadis.nik });
  const code = await service.totp(kadis.email);
  r = await act(signer, app.id, 'teruskan', { tte_totp: code });
  assert.equal(r.status, 303, r.body.slice(0, 500));
  assert.deepEqual(await last(), { by: 'nik', value: kadis.nik });
  const id = sql(`SELECT id FROM izin WHERE permohonan_id = ${app.id}`);
  assert.ok(pdfsig((await getBytes(budi, `/pemohon/izin/${id}/unduh`)).bytes).valid);
  // Nowhere public: the verification page of the permit does not carry it.
  const v = await (await fetch(`${srv.url}/cek-izin`)).text();
  assert.ok(!v.includes(kadis.nik));

  // Removed with the check box: the service is asked by email again.
  form = await admin.get(path);
  r = await submitForm(admin, form.body, path, { hapus_nik: '1' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT COALESCE(nik, '-') FROM account WHERE id = ${kadisId}`), '-');
  const app2 = await submitSip(budi);
  await toTandaTangan(srv, app2.id);
  assert.equal((await act(signer, app2.id, 'tte_totp')).status, 303);
  assert.deepEqual(await last(), { by: 'email', value: kadis.email });
});
