// Issued permits (SPEC 4.7, 4.12, 4.15, 5.5) against the real binary, a real SMTP server and
// the real database: issuance (number, PDF with a QR code that decodes to the verification
// page, Dokumen, mail, audit), the public verification with the minimum data, tampered and
// cut codes, `loket verify` offline, revocation by an officer, another applicant's permit,
// the survey and the IKM worked out by hand, the survey required before the download,
// Perpanjang continuing the validity, and expiry reminders exactly once with fixed dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { csrfOf, decode, options, rows, step } from '../lib/permohonan.mjs';
import { submitSip, issue, readPdf, verdictOf } from '../lib/izin.mjs';
import { pdfsig } from '../lib/tte.mjs';

let srv, budi, sari, permit;
before(async () => {
  srv = await startServer({ smtp: true, demoPermits: true, env: { LOKET_VERIFY_PER_MINUTE: '1000000' } });
  budi = await activeApplicant(srv, { step1: { username: 'budi.izin', nama: 'dr. Budi Santoso', email: 'budi.izin@example.com' },
    step2: { no_identitas: '1971011508900031' } });
  sari = await activeApplicant(srv, { step1: { username: 'sari.izin', nama: 'dr. Sari Lestari', email: 'sari.izin@example.com' },
    step2: { no_identitas: '1971015508900032', jenis_kelamin: 'P' } });
});
after(async () => { await srv?.stop(); });

const sql = (q) => srv.sql(q);
const getBytes = async (c, path) => {
  const res = await fetch(srv.url + path, { redirect: 'manual', headers: { cookie: c.cookieHeader() } });
  return { status: res.status, type: res.headers.get('content-type'), location: res.headers.get('location'),
    bytes: Buffer.from(await res.arrayBuffer()) };
};
const izinIdOf = (nomor) => sql(`SELECT id FROM izin WHERE nomor = '${nomor}'`);

test('issuance: numbered, signed, in Izin and Dokumen, the PDF’s QR opens the verification page, mailed, audited', async () => {
  const nomorPermohonan = await submitSip(budi);
  permit = issue(srv, nomorPermohonan);
  assert.match(permit.nomor, /^503\/\d{3}\/SIP\/DPMPTSP-NAKER\/\d{4}$/);
  assert.match(permit.kode, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  assert.ok(permit.url.startsWith(srv.url + '/v/'));
  assert.deepEqual(issue(srv, nomorPermohonan), { ...permit, already: true }, 'a second issue answers the same permit');
  assert.equal(sql(`SELECT status FROM permohonan WHERE nomor = '${nomorPermohonan}'`), 'selesai');

  const tab = (await budi.get('/pemohon/izin')).body;
  assert.ok(tab.includes(permit.nomor.replace(/\//g, '/')), 'listed in Izin');
  assert.match(tab, /class="st st-izin-berlaku">Berlaku</);
  assert.ok(tab.includes(permit.kode));
  const dok = (await budi.get('/pemohon/dokumen')).body;
  assert.match(dok, /Surat Izin Praktik Dokter/);
  assert.ok(dok.includes(permit.nomor), 'in Dokumen with its number');

  const id = izinIdOf(permit.nomor);
  const pdf = await getBytes(budi, `/pemohon/izin/${id}/unduh`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  const { text, qr } = readPdf(pdf.bytes);
  for (const s of [permit.nomor, 'dr. Budi Santoso', 'STR-1234567890', 'Klinik Sehat Bersama', 'Kepala Dinas',
    'NIP. 197503122000031002', permit.kode, 'Ditandatangani secara elektronik']) assert.ok(text.includes(s), `PDF has ${s}`);
  assert.equal(qr, permit.url, 'the QR decodes to the verification address');
  // The demo's Penandatangan has a demo certificate (loket demo): the PDF is PAdES-signed, marked demo.
  const sig = pdfsig(pdf.bytes);
  assert.ok(sig.valid, sig.text);
  assert.equal(sig.signer, 'Kepala Dinas DPMPTSP & NAKER Kota Pangkalpinang');
  assert.match(sig.text, /O=Loket DEMO - bukan sertifikat resmi/);

  const page = (await fetch(qr)).body ? await (await fetch(qr)).text() : '';
  assert.equal(verdictOf(page), 'berlaku');
  assert.match(page, /Izin asli dan berlaku/);
  assert.ok(page.includes('dr. Budi Santoso') && page.includes(permit.nomor));
  for (const secret of ['1971011508900031', '0812', 'Jl. ', '1990']) assert.ok(!page.includes(secret), `no personal data: ${secret}`);

  const mail = await srv.waitForMail((m) => m.to.includes('budi.izin@example.com') && /telah terbit/.test(m.subject));
  assert.ok(mail.body.includes(permit.nomor) && mail.body.includes(permit.url) && mail.body.includes('/pemohon/izin'));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'izin.terbit' AND object_id = ${id}`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM dokumen WHERE nomor = '${permit.nomor}'`), '1');
  const audit = loket(['audit', 'verify'], srv.env);
  assert.equal(audit.status, 0, audit.stdout + audit.stderr);
});

test('a changed, cut or made-up code says “tidak asli”; Cek Keaslian Izin by number and code', async () => {
  const code = permit.url.split('/v/')[1];
  const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const bad of [flip(code, 10), flip(code, code.length - 12), code.slice(0, -5), code.slice(0, 40), 'AAAA', 'bukan-kode-izin']) {
    const r = await fetch(`${srv.url}/v/${bad}`);
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.equal(verdictOf(html), 'tidak-asli', bad);
    assert.match(html, /Tidak asli/);
    assert.ok(!html.includes('dr. Budi Santoso'), 'a refused code shows no holder');
  }
  const ok = await (await fetch(`${srv.url}/cek-izin?nomor=${encodeURIComponent(permit.nomor)}&kode=${permit.kode.toLowerCase().replace('-', '')}`)).text();
  assert.equal(verdictOf(ok), 'berlaku', 'number and code (any case, no dash)');
  const wrong = await (await fetch(`${srv.url}/cek-izin?nomor=${encodeURIComponent(permit.nomor)}&kode=AAAA-AAAA`)).text();
  assert.equal(verdictOf(wrong), 'tidak-asli');
  assert.equal((await fetch(`${srv.url}/cek-izin?nomor=&kode=`)).status, 400);
  const home = await (await fetch(srv.url + '/')).text();
  assert.match(home, /Cek Keaslian Izin/);
  assert.match(home, /action="\/cek-izin"/);
});

test('loket verify checks a code offline and refuses a changed one', () => {
  const ok = loket(['verify', permit.url], { LOKET_DATA: srv.dataDir, LOKET_DB: '/nonexistent/no.db' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^ASLI/);
  assert.ok(ok.stdout.includes(permit.nomor));
  const code = permit.url.split('/v/')[1];
  const bad = loket(['verify', code.slice(0, 30) + (code[30] === 'x' ? 'y' : 'x') + code.slice(31)], { LOKET_DATA: srv.dataDir });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^TIDAK ASLI/);
});

test('another applicant’s permit: no download, no Perpanjang, no survey', async () => {
  const id = izinIdOf(permit.nomor);
  assert.equal((await getBytes(sari, `/pemohon/izin/${id}/unduh`)).status, 404);
  const csrf = csrfOf((await sari.get('/pemohon/izin')).body);
  assert.equal((await sari.post(`/pemohon/izin/${id}/perpanjang`, { csrf })).status, 404);
  assert.equal((await sari.post(`/pemohon/izin/${id}/survei`, { csrf, u1: 4 })).status, 404);
  assert.equal((await sari.get(`/pemohon/izin/${id}/survei`)).status, 404);
  assert.ok(!(await sari.get('/pemohon/izin')).body.includes(permit.nomor));
  assert.equal((await new Client(srv.url).get(`/pemohon/izin/${id}/unduh`)).status, 303, 'anonymous: to Log In');
});

test('the survey: a score of 5 or a missing unsur is refused with nothing stored, once only; IKM as worked out by hand', async () => {
  const id = izinIdOf(permit.nomor);
  const csrf = csrfOf((await budi.get(`/pemohon/izin/${id}/survei`)).body);
  const A = [4, 4, 3, 3, 4, 4, 4, 3, 4], B = [3, 3, 3, 2, 3, 3, 4, 3, 3];
  const answer = (s) => Object.fromEntries(s.map((v, i) => [`u${i + 1}`, String(v)]));
  let r = await budi.post(`/pemohon/izin/${id}/survei`, { csrf, ...answer(A), u5: '5' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Setiap unsur harus diberi nilai 1 sampai 4/);
  assert.match(r.body, /value="4" required checked/, 'the other answers are kept');
  r = await budi.post(`/pemohon/izin/${id}/survei`, { csrf, u1: '4' });
  assert.equal(r.status, 400, 'eight unsur missing');
  assert.equal(sql('SELECT COUNT(*) FROM survei'), '0', 'nothing stored');
  r = await budi.post(`/pemohon/izin/${id}/survei`, { csrf, ...answer(A), komentar: 'Cepat dan ramah.' });
  assert.equal(r.status, 303);
  r = await budi.post(`/pemohon/izin/${id}/survei`, { csrf, ...answer(B) });
  assert.equal(r.status, 409, 'a second answer is refused');
  assert.equal(sql('SELECT COUNT(*) FROM survei'), '1');

  // Sari's permit gets the second answer, B.
  const sariPermit = issue(srv, await submitSip(sari));
  const sid = izinIdOf(sariPermit.nomor);
  const scsrf = csrfOf((await sari.get(`/pemohon/izin/${sid}/survei`)).body);
  assert.equal((await sari.post(`/pemohon/izin/${sid}/survei`, { csrf: scsrf, ...answer(B) })).status, 303);

  // By hand: NRR = (A + B) / 2 per unsur = 3.5 3.5 3 2.5 3.5 3.5 4 3 3.5; their mean 30 / 9 = 3.3333;
  // IKM = 3.3333 × 25 = 83.33, in 76.61–88.30: mutu B, Baik.
  const admin = new Client(srv.url);
  assert.equal((await admin.login('admin.pangkalpinang', DEMO_PASSWORD)).status, 303);
  const ikm = (await admin.get('/petugas/ikm')).body;
  assert.match(ikm, /<td data-label="IKM" class="ikm">83,33<\/td><td data-label="Mutu">B<\/td><td data-label="Kinerja">Baik<\/td>/);
  const csv = await admin.get('/petugas/ikm?format=csv');
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const line = csv.body.split('\r\n').find((l) => l.includes('Surat Izin Praktik Dokter'));
  assert.ok(line, csv.body);
  assert.match(line, /,2,3\.500,3\.500,3\.000,2\.500,3\.500,3\.500,4\.000,3\.000,3\.500,83\.33,B,Baik$/);
  const other = new Client(srv.url);
  await other.login('admin.muaraenim', DEMO_PASSWORD);
  assert.ok(!(await other.get('/petugas/ikm')).body.includes('83,33'), 'another instansi sees none of it');
  assert.equal((await budi.get('/petugas/ikm')).status, 403, 'applicants do not see reports');
});

test('survey required before download; the reminder days are validated', async () => {
  const admin = new Client(srv.url);
  await admin.login('admin.pangkalpinang', DEMO_PASSWORD);
  const csrf = csrfOf((await admin.get('/petugas/izin/pengaturan')).body);
  let r = await admin.post('/petugas/izin/pengaturan', { csrf, reminder_days: '30, tiga', survei_required: '1' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Hari pengingat berupa angka/);
  r = await admin.post('/petugas/izin/pengaturan', { csrf, reminder_days: '30, 7, 30' });
  assert.equal(r.status, 400, 'the same day twice');
  r = await admin.post('/petugas/izin/pengaturan', { csrf, reminder_days: '7, 30', survei_required: '1' });
  assert.equal(r.status, 303);
  assert.equal(sql('SELECT reminder_days || \':\' || survei_required FROM izin_setting'), '30,7:1');
  assert.equal(sql("SELECT COUNT(*) FROM audit_log WHERE action = 'izin.pengaturan'"), '1');

  const third = issue(srv, await submitSip(budi));
  const id = izinIdOf(third.nomor);
  const d = await getBytes(budi, `/pemohon/izin/${id}/unduh`);
  assert.equal(d.status, 303, 'to the survey first');
  assert.match(d.location, new RegExp(`/pemohon/izin/${id}/survei`));
  assert.equal((await getBytes(budi, `/pemohon/izin/${izinIdOf(permit.nomor)}/unduh`)).status, 200, 'answered: downloads');
  r = await admin.post('/petugas/izin/pengaturan', { csrf, reminder_days: '30, 7' });
  assert.equal(r.status, 303);
});

test('Perpanjang: a prefilled draft that refers to the permit; the renewal continues where the old one ends', async () => {
  const id = izinIdOf(permit.nomor);
  const csrf = csrfOf((await budi.get('/pemohon/izin')).body);
  const r = await budi.post(`/pemohon/izin/${id}/perpanjang`, { csrf });
  assert.equal(r.status, 303);
  const path = r.location;
  const page = (await budi.get(path)).body;
  assert.equal(options(page, 'jenis_permohonan').find((o) => o.selected).value, 'perpanjangan');
  assert.ok(page.includes(`value="${permit.nomor}"`), 'No. Izin Lama prefilled');
  assert.match(page, /Terverifikasi: izin ini terbit melalui Loket/);
  assert.match(page, /value="Klinik Sehat Bersama"/, 'Lokasi Izin prefilled');
  const draft = path.replace(/\?.*$/, '');
  assert.match((await budi.get(step(draft, 'data-teknis'))).body, /value="STR-1234567890"/, 'Data Teknis prefilled');
  assert.ok(rows((await budi.get(step(draft, 'persyaratan'))).body).some((x) => x.name === 'SIP lama'), 'the requirements of Perpanjangan');

  const nomorBaru = await submitSip(budi, { path, fields: { jenis_permohonan: 'perpanjangan' } });
  const renewal = issue(srv, nomorBaru);
  const oldEnd = sql(`SELECT berlaku_sampai FROM izin WHERE id = ${id}`);
  const [dari, lama] = sql(`SELECT berlaku_dari || '|' || izin_lama_id FROM izin WHERE nomor = '${renewal.nomor}'`).split('|');
  const next = new Date(oldEnd + 'T00:00:00Z');
  next.setUTCDate(next.getUTCDate() + 1);
  assert.equal(dari, next.toISOString().slice(0, 10), 'starts the day after the old one ends');
  assert.equal(lama, id);
  const tab = (await budi.get('/pemohon/izin')).body;
  assert.ok(tab.includes(`<dd>${permit.nomor}</dd>`), 'the renewal names the old permit');

  // A typed-over number is free text again: not verified.
  const csrf2 = csrfOf((await budi.get('/pemohon/izin')).body);
  const again = await budi.post(`/pemohon/izin/${id}/ubah`, { csrf: csrf2 });
  const p2 = again.location;
  const pc = csrfOf((await budi.get(p2)).body);
  await budi.post(p2, { csrf: pc, draft: '1', aksi: 'simpan', nomor_izin_lama: '503/77/SIP/LAMA/2019' });
  assert.match((await budi.get(p2)).body, /Belum terverifikasi: nomor izin lama diketik manual/);
});

test('an officer revokes a permit: the page says dicabut, the holder sees it, a reason is required', async () => {
  const kadis = new Client(srv.url);
  assert.equal((await kadis.login('kadis.pangkalpinang', DEMO_PASSWORD)).status, 303);
  const list = (await kadis.get('/petugas/izin')).body;
  assert.ok(list.includes(permit.nomor));
  const id = izinIdOf(permit.nomor);
  const csrf = csrfOf(list);
  assert.equal((await kadis.post(`/petugas/izin/${id}/cabut`, { csrf, alasan: '  ' })).status, 400);
  const muara = new Client(srv.url);
  await muara.login('kadis.muaraenim', DEMO_PASSWORD);
  const mcsrf = csrfOf((await muara.get('/petugas/izin')).body);
  assert.equal((await muara.post(`/petugas/izin/${id}/cabut`, { csrf: mcsrf, alasan: 'x' })).status, 404, 'another instansi');
  assert.equal((await kadis.post(`/petugas/izin/${id}/cabut`, { csrf, alasan: 'STR tidak berlaku lagi' })).status, 303);
  assert.equal((await kadis.post(`/petugas/izin/${id}/cabut`, { csrf, alasan: 'lagi' })).status, 409);
  const v = await (await fetch(permit.url)).text();
  assert.equal(verdictOf(v), 'dicabut');
  const tab = (await budi.get('/pemohon/izin')).body;
  assert.match(tab, /st-izin-dicabut/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'izin.cabut' AND object_id = ${id}`), '1');
  const csrfB = csrfOf(tab);
  assert.equal((await budi.post(`/pemohon/izin/${id}/perpanjang`, { csrf: csrfB })).status, 409, 'a revoked permit is not renewed');
  assert.equal((await budi.get('/petugas/izin')).status, 403);
});

test('the demo permits: valid, expired and revoked', async () => {
  const rows = sql("SELECT z.nomor || '|' || z.status || '|' || COALESCE(z.berlaku_sampai, '') FROM izin z JOIN permohonan p ON p.id = z.permohonan_id WHERE p.nomor LIKE 'DEMO/%' ORDER BY z.id").split('\n');
  assert.equal(rows.length, 4);
  const demo = new Client(srv.url);
  assert.equal((await demo.login('pemohon.demo', DEMO_PASSWORD)).status, 303);
  const tab = (await demo.get('/pemohon/izin')).body;
  for (const k of ['berlaku', 'kedaluwarsa', 'dicabut']) assert.match(tab, new RegExp(`st-izin-${k}`), k);
  const links = [...tab.matchAll(/href="(http[^"]+\/v\/[^"]+)"/g)].map((m) => decode(m[1]));
  const verdicts = [];
  for (const l of links) verdicts.push(verdictOf(await (await fetch(l)).text()));
  assert.deepEqual(verdicts.sort(), ['berlaku', 'berlaku', 'dicabut', 'kedaluwarsa'], 'one of each in Pangkalpinang, one valid in Muara Enim');
});

test('expiry reminders with fixed dates: one mail per permit and threshold, however often the job runs', () => {
  // Two permits of Sari's and Budi's, ending 30 and 7 days after 1 March 2030.
  const ids = sql("SELECT id FROM izin WHERE status = 'berlaku' AND permohonan_id IN (SELECT id FROM permohonan WHERE nomor NOT LIKE 'DEMO/%') ORDER BY id").split('\n');
  assert.ok(ids.length >= 2);
  sql(`UPDATE izin SET berlaku_sampai = '2030-03-31' WHERE id = ${ids[0]}`);
  sql(`UPDATE izin SET berlaku_sampai = '2030-03-08' WHERE id = ${ids[1]}`);
  sql(`UPDATE izin SET berlaku_sampai = '2031-01-01' WHERE id NOT IN (${ids[0]}, ${ids[1]}) AND berlaku_sampai IS NOT NULL`);
  const run = (at) => {
    const r = loket(['izin', 'pengingat', '--at', at], srv.env);
    assert.equal(r.status, 0, r.stderr);
    return Number(r.stdout.match(/(\d+) reminder/)[1]);
  };
  assert.equal(run('2030-03-01T02:00:00Z'), 2);
  assert.equal(run('2030-03-01T05:00:00Z'), 0, 'the same day again: nothing');
  assert.equal(run('2030-03-02T02:00:00Z'), 0, 'the next day: nothing new');
  assert.equal(run('2030-03-24T02:00:00Z'), 1, 'the first permit reaches 7 days');
  assert.equal(run('2030-03-25T02:00:00Z'), 0);
  assert.equal(sql("SELECT COUNT(*) FROM outbox WHERE kind = 'izin_pengingat'"), '3');
  assert.equal(sql(`SELECT COUNT(*) FROM izin_pengingat WHERE izin_id = ${ids[0]}`), '2');
  const subjects = sql("SELECT subject FROM outbox WHERE kind = 'izin_pengingat' ORDER BY id").split('\n');
  assert.match(subjects[0] + subjects[1], /berakhir dalam 30 hari/);
  assert.match(subjects[0] + subjects[1], /berakhir dalam 7 hari/);
});
