// Tambah → Buat (SPEC 4.8) against the real binary and a real SMTP server: the draft with
// the seeds' fields kept on the server, the cascade without JavaScript, uploads into the
// locker, the Terpenuhi ticks, Buat refused until complete (and the server saying what
// is missing), one number per application under double clicks and 50 parallel
// submissions, the mail, the bukti pendaftaran, and input from someone trying things.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant, JPEG } from '../lib/registrasi.mjs';
import { PDF, csrfOf, decode, options, optionValue, rows, buatDisabled, tambah, step, save, uploadFor, SIP_TEKNIS, LOKASI, chooseSip, uploadAll, ticks, form, saveAll, buat } from '../lib/permohonan.mjs';


let srv, budi, sari;
before(async () => {
  srv = await startServer({ smtp: true, env: { LOKET_MAX_UPLOAD_MB: '1' } });
  budi = await activeApplicant(srv, { step1: { username: 'budi.izin', nama: 'Budi Pemohon', email: 'budi.izin@example.com' },
    step2: { no_identitas: '1971011508900021' } });
  sari = await activeApplicant(srv, { step1: { username: 'sari.izin', nama: 'Sari Pemohon', email: 'sari.izin@example.com' },
    step2: { no_identitas: '1971015508900022', jenis_kelamin: 'P' } });
});
after(async () => { await srv?.stop(); });

const sql = (query) => srv.sql(query);
const dokFiles = () => readdirSync(join(srv.dataDir, 'files')).filter((n) => n.startsWith('dok-')).sort();
const tmpFiles = () => readdirSync(join(srv.dataDir, 'tmp')).filter((n) => !n.startsWith('.'));
async function tmpFilesSettled() {
  for (let i = 0; i < 40 && tmpFiles().length; i++) await new Promise((ok) => setTimeout(ok, 50));
  return tmpFiles();
}
let sharedDocs;   // budi's uploaded requirement documents, reused by later drafts

test('Tambah: the seeds’ fields in steps, nothing stored until saved, Buat disabled on Periksa with what is missing', async () => {
  const before = sql('SELECT count(*) FROM permohonan');
  const blank = await budi.get('/pemohon/permohonan/baru');
  assert.equal(blank.status, 200);
  assert.equal(sql('SELECT count(*) FROM permohonan'), before, 'opening Tambah stores nothing');
  assert.match(blank.body, /action="\/pemohon\/permohonan\/baru"/);
  const d = await tambah(budi);
  assert.equal(Number(sql('SELECT count(*) FROM permohonan')), Number(before) + 1, 'the first save creates one draft');
  for (const label of ['Jenis Permohonan', 'Instansi', 'Unit', 'Jenis Izin', 'No. Permohonan', 'Tipe Pemohon', 'Lokasi Izin'])
    assert.match(d.page, new RegExp(`>${label}`), label);
  for (const name of ['Permohonan', 'Pemohon dan Perusahaan', 'Data Teknis', 'Persyaratan', 'Periksa'])
    assert.match(d.page, new RegExp(`class="step-name">${name}<`), `step ${name}`);
  assert.match(d.page, /Langkah 1 dari 5/);
  assert.match(d.page, /Terisi otomatis saat Buat/);
  assert.deepEqual(options(d.page, 'jenis_permohonan').map((o) => o.label), ['Baru', 'Perpanjangan', 'Perubahan']);
  assert.ok(options(d.page, 'instansi').find((o) => o.selected).label.includes('Pangkalpinang'), 'own instansi preselected');
  assert.match((await budi.get(step(d.path, 'pemohon'))).body, /Budi Pemohon/, 'Pemohon prefilled from the profile');
  const periksa = (await budi.get(step(d.path, 'periksa'))).body;
  assert.ok(buatDisabled(periksa), 'Buat disabled');
  assert.match(periksa, /Yang belum lengkap:/);
  assert.match(periksa, /Jenis Izin: belum dipilih\./);
  assert.match(periksa, new RegExp(`href="${d.path}\\?langkah=permohonan#jenis_izin"`), 'the missing item links to its step');
});

test('the cascade without JavaScript, Data Teknis and Persyaratan of SIP Dokter, then Buat', async () => {
  const d = await tambah(budi);
  const choice = await chooseSip(budi, d.path);
  let page = (await budi.get(step(d.path, 'data-teknis'))).body;
  assert.match(page, /No\. STR/, 'Data Teknis of SIP Dokter');
  page = (await budi.get(step(d.path, 'persyaratan'))).body;
  const list = rows(page);
  assert.ok(list.length >= 8, 'one row per requirement of Baru');
  assert.ok(!list.some((x) => x.name === 'SIP lama'), 'requirements of Perpanjangan only are not asked for Baru');
  assert.ok(list.some((x) => !x.wajib), 'an Opsional requirement is listed');
  assert.match(page, /href="\/formulir\/\d+"/, 'the blank form link');

  sharedDocs = await uploadAll(budi, d.path);
  page = (await budi.get(step(d.path, 'persyaratan'))).body;
  for (const row of list.filter((x) => x.wajib))
    assert.match(page, new RegExp(`name="syarat_${row.pid}_terpenuhi" value="1" data-terpenuhi checked`), `an upload ticks ${row.name}`);
  let periksa = (await budi.get(step(d.path, 'periksa'))).body;
  assert.ok(buatDisabled(periksa), 'Lokasi and Data Teknis are still missing');
  assert.doesNotMatch(periksa, /belum dicentang Terpenuhi/, 'no tick to set by hand');

  let r = await saveAll(budi, d.path, { ...choice, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...ticks(page, sharedDocs) });
  assert.equal(r.status, 303, 'Simpan');
  page = (await budi.get(r.location)).body;
  assert.match(page, /Draf permohonan tersimpan/);
  assert.match(page, /value="Klinik Sehat Bersama"/, 'values kept');
  periksa = (await budi.get(step(d.path, 'periksa'))).body;
  assert.ok(!buatDisabled(periksa), 'Buat enabled: ' + (periksa.match(/Yang belum lengkap:[\s\S]*?<\/ul>/) || [''])[0]);
  for (const shown of ['Klinik Sehat Bersama', 'STR-1234567890', 'Surat Izin Praktik Dokter', 'Budi Pemohon'])
    assert.ok(periksa.includes(shown), `Periksa shows ${shown}`);

  r = await buat(budi, d.path);
  assert.equal(r.status, 200);
  assert.match(r.body, /Permohonan Izin telah selesai dibuat/);
  const nomor = decode(r.body.match(/class="pm-nomor">([^<]+)</)[1]);
  assert.match(nomor, /^REG\/\d{4}\/[IVX]+\/00001$/);
  assert.match(r.body, new RegExp(`href="${d.path}/bukti"`));
  assert.match(r.body, new RegExp(`href="${d.path}/lacak"`));

  const again = await buat(budi, d.path);
  assert.equal(again.status, 200, 'a double click');
  assert.equal(decode(again.body.match(/class="pm-nomor">([^<]+)</)[1]), nomor, 'the same number');
  assert.equal(sql(`SELECT count(*) FROM permohonan WHERE nomor IS NOT NULL`), '1');

  assert.equal(sql(`SELECT status || ' ' || CASE WHEN workflow_id IS NOT NULL AND submitted_at IS NOT NULL THEN 'ok' ELSE '-' END FROM permohonan WHERE id = ${d.id}`), 'diajukan ok');
  const steps = sql(`SELECT position || ':' || status || ':' || CASE WHEN due_at IS NULL THEN 0 ELSE 1 END FROM permohonan_step WHERE permohonan_id = ${d.id} ORDER BY position`).split('\n');
  assert.equal(steps.length, 7);
  assert.equal(steps[0], '1:berjalan:1', 'the first step runs with its due date');
  assert.ok(steps.slice(1).every((s) => /:menunggu:0$/.test(s)), 'the others wait');
  assert.equal(sql(`SELECT count(*) FROM permohonan_event WHERE permohonan_id = ${d.id} AND kind = 'diajukan'`), '1');

  const mail = await srv.waitForMail((m) => m.to.includes('budi.izin@example.com') && m.body.includes(nomor));
  assert.match(mail.body, /Permohonan Izin telah selesai dibuat/);
  assert.match(mail.body, /Surat Izin Praktik Dokter/);
  assert.match(mail.body, new RegExp(`${srv.url}${d.path}/lacak`));

  const bukti = await fetch(`${srv.url}${d.path}/bukti`, { headers: { cookie: budi.cookieHeader() } });
  assert.equal(bukti.status, 200);
  assert.equal(bukti.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await bukti.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');

  r = await budi.get(d.path);
  assert.equal(r.status, 303, 'a submitted application is no longer edited');
  assert.equal(r.location, `${d.path}/lacak`);
  assert.equal((await saveAll(budi, d.path, { lokasi_nama: 'diubah' })).status, 303);
  assert.equal(sql(`SELECT lokasi_nama FROM permohonan WHERE id = ${d.id}`), LOKASI.lokasi_nama, 'nothing changes after Buat');
});

test('a crafted Buat with a wajib requirement missing is refused and says which', async () => {
  const d = await tambah(budi);
  const choice = await chooseSip(budi, d.path);
  const page = (await budi.get(step(d.path, 'persyaratan'))).body;
  const ktp = rows(page).find((x) => x.name === 'Fotokopi KTP');
  const r0 = await saveAll(budi, d.path, { ...choice, ...LOKASI, ...SIP_TEKNIS, ...ticks(page, sharedDocs, { skip: ktp.pid }) });
  assert.equal(r0.status, 303);
  const r = await buat(budi, d.path);
  assert.equal(r.status, 400);
  assert.match(r.body, /Permohonan belum lengkap/);
  assert.match(r.body, /Fotokopi KTP: dokumen belum diunggah atau dipilih\./);
  assert.equal(sql(`SELECT status FROM permohonan WHERE id = ${d.id}`), 'draft');
  assert.equal(sql(`SELECT count(*) FROM permohonan_step WHERE permohonan_id = ${d.id}`), '0');
});

test('another applicant’s draft is not found; another’s document or company is refused beside its field', async () => {
  const d = await tambah(budi);
  await chooseSip(budi, d.path);
  assert.equal((await sari.get(d.path)).status, 404, 'another’s draft is not found');
  const csrf = csrfOf((await sari.get('/pemohon/profil')).body);
  assert.equal((await sari.post(d.path, { csrf, draft: '1', aksi: 'simpan', lokasi_nama: 'x' })).status, 404);
  assert.equal((await sari.post(`${d.path}/buat`, { csrf })).status, 404);
  assert.equal((await sari.get(`${d.path}/bukti`)).status, 404);

  // Sari's own draft picking Budi's document and Budi's company by id.
  const own = await tambah(sari);
  await chooseSip(sari, own.path);
  const page = (await sari.get(step(own.path, 'persyaratan'))).body;
  const pid = rows(page)[0].pid;
  const budiDoc = Object.values(sharedDocs)[0];
  const budiId = sql(`SELECT id FROM account WHERE username = 'budi.izin'`);
  const company = sql(`INSERT INTO perusahaan (account_id, nama, bentuk_usaha, alamat, provinsi_code, kabupaten_code, kecamatan_code, desa_code)
    VALUES (${budiId}, 'PT Milik Budi', 'PT', 'Jl. A', '19', '19.71', '19.71.01', '19.71.01.1007') RETURNING id`).split('\n')[0];
  // A document or company that is not hers (or no longer exists, deleted in another tab):
  // the form again with the message beside that field and what was typed kept; the
  // reference itself is not stored.
  let r = await saveAll(sari, own.path, { lokasi_nama: 'Diubah Satu', syarat: pid, [`syarat_${pid}_dokumen`]: String(budiDoc), [`syarat_${pid}_terpenuhi`]: '1' });
  assert.equal(r.status, 400, 'another’s document');
  assert.match(r.body, new RegExp(`id="syarat-${pid}"[\\s\\S]*dokumen yang dipilih tidak ada lagi`), 'the Persyaratan step with the message');
  assert.match(r.body, /aria-current="step">[^]{0,120}Persyaratan/, 'posted from another step, shown on the step of the message');
  assert.equal(sql(`SELECT lokasi_nama FROM permohonan WHERE id = ${own.id}`), 'Diubah Satu', 'the rest of what was typed is kept');
  r = await saveAll(sari, own.path, { lokasi_nama: 'Diubah Dua', tipe_pemohon: 'perusahaan', perusahaan: company });
  assert.equal(r.status, 400, 'another’s company');
  assert.match(r.body, /id="perusahaan-err">perusahaan yang dipilih tidak ada lagi/);
  assert.equal(sql(`SELECT lokasi_nama FROM permohonan WHERE id = ${own.id}`), 'Diubah Dua');
  r = await saveAll(sari, own.path, { lokasi_nama: 'Diubah Tiga', tipe_pemohon: 'perusahaan', perusahaan: '99999999' });
  assert.equal(r.status, 400, 'a company that does not exist');
  assert.equal(sql(`SELECT COALESCE(perusahaan_id, 0) FROM permohonan WHERE id = ${own.id}`), '0', 'no foreign company stored');
  assert.equal(sql(`SELECT count(*) FROM permohonan_syarat WHERE permohonan_id = ${own.id} AND dokumen_id IS NOT NULL`), '0');
  // Uploading into another's draft stores nothing.
  const files = dokFiles();
  const upload = new FormData();
  upload.append('csrf', csrfOf((await sari.get(own.path)).body));
  upload.append('berkas', new Blob([PDF], { type: 'application/pdf' }), 'x.pdf');
  const budiRow = rows((await budi.get(step(d.path, 'persyaratan'))).body)[0].pid;
  const res = await fetch(`${srv.url}${d.path}/syarat/${budiRow}`, { method: 'POST', body: upload, redirect: 'manual',
    headers: { cookie: sari.cookieHeader() } });
  assert.equal(res.status, 404);
  assert.deepEqual(dokFiles(), files, 'no file stored for a draft that is not hers');
});

test('a jenis izin of another unit and a tampered jenis permohonan are refused', async () => {
  const d = await tambah(budi);
  const choice = await chooseSip(budi, d.path);
  const other = sql(`SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id WHERE i.slug = 'kabupaten-muara-enim' AND j.slug = 'sipa'`);
  let r = await saveAll(budi, d.path, { ...choice, jenis_izin: other });
  assert.equal(r.status, 400);
  assert.match(r.body, /Jenis Izin: tidak tersedia di unit yang dipilih\./);
  assert.equal(sql(`SELECT jenis_izin_id FROM permohonan WHERE id = ${d.id}`), choice.jenis_izin, 'kept the valid choice');
  r = await saveAll(budi, d.path, { ...choice, jenis_permohonan: 'hapus-semua' });
  assert.equal(r.status, 400);
  assert.match(r.body, /Jenis Permohonan: pilihan tidak dikenal\./);
  assert.equal(sql(`SELECT jenis_permohonan FROM permohonan WHERE id = ${d.id}`), 'baru');
  r = await saveAll(budi, d.path, { ...choice, instansi: '999999' });
  assert.equal(r.status, 400);
  // Perpanjangan needs the old permit number, and asks for "SIP lama".
  r = await saveAll(budi, d.path, { ...choice, jenis_permohonan: 'perpanjangan' }, 'pilih');
  assert.equal(r.status, 303);
  assert.match((await budi.get(step(d.path, 'periksa'))).body, /No\. Izin Lama: wajib diisi untuk Perpanjangan dan Perubahan\./);
  assert.ok(rows((await budi.get(step(d.path, 'persyaratan'))).body).some((x) => x.name === 'SIP lama'));
});

test('uploads: too large is 413, the wrong type is explained; no orphan file either way', async () => {
  const d = await tambah(budi);
  await chooseSip(budi, d.path);
  const page = (await budi.get(step(d.path, 'persyaratan'))).body;
  const foto = rows(page).find((x) => /pas foto/i.test(x.name));
  const files = dokFiles();
  const rowsBefore = sql('SELECT count(*) FROM dokumen');
  let r = await uploadFor(budi, d.path, foto.pid, { bytes: Buffer.concat([JPEG, Buffer.alloc(1536 << 10)]), type: 'image/jpeg', name: 'besar.jpg' });
  assert.equal(r.status, 413);
  r = await uploadFor(budi, d.path, foto.pid, { bytes: PDF, type: 'application/pdf', name: 'foto.pdf' });
  assert.equal(r.status, 400);
  assert.match(r.body, new RegExp(`<p class="err" id="syarat-${foto.pid}-err">[^<]*(tidak|bukan)`, 'i'), 'the message beside the row');
  r = await uploadFor(budi, d.path, foto.pid, { bytes: Buffer.from('#!/bin/sh\nrm -rf /\n'), type: 'image/jpeg', name: 'foto.jpg' }, { json: true });
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.body).ok, false);
  assert.deepEqual(dokFiles(), files);
  assert.equal(sql('SELECT count(*) FROM dokumen'), rowsBefore);
  assert.deepEqual(await tmpFilesSettled(), []);
  assert.equal((await budi.get(d.path)).status, 200, 'still serving');

  // Without JavaScript a good file comes back to its row, chosen.
  r = await uploadFor(budi, d.path, foto.pid, { bytes: JPEG, type: 'image/jpeg', name: 'pas foto.jpg' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `${d.path}?langkah=persyaratan&terunggah=1#syarat-${foto.pid}`);
  const back = (await budi.get(r.location.split('#')[0])).body;
  assert.match(back, /Berkas terunggah, dipasang pada persyaratan ini dan dicentang Terpenuhi/);
  assert.match(back, /Berkas: <strong>pas foto\.jpg<\/strong>/, 'the row shows the file by name');
  assert.ok(options(back, `syarat-${foto.pid}-dokumen`).find((o) => o.selected && o.label.includes('pas foto.jpg')));
});

test('hostile strings are stored literally and shown escaped', async () => {
  const d = await tambah(budi);
  const choice = await chooseSip(budi, d.path);
  const evil = `<script>alert("x")</script> ' OR 1=1; -- {{csrf}} 😀`;
  const r = await saveAll(budi, d.path, { ...choice, lokasi_nama: evil, lokasi_alamat: evil, dt_no_str: evil });
  assert.equal(r.status, 303);
  const page = (await budi.get(d.path)).body;
  assert.ok(!page.includes('<script>alert'), 'never raw');
  assert.match(page, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.equal(sql(`SELECT lokasi_nama FROM permohonan WHERE id = ${d.id}`), evil);
});

test('without JavaScript one Unggah sends the file with the whole step: every value kept, the row ticked', async () => {
  const d = await tambah(budi);
  const choice = await chooseSip(budi, d.path);
  const syarat = (await budi.get(step(d.path, 'persyaratan'))).body;
  const list = rows(syarat);
  const ktp = list.find((x) => x.name === 'Fotokopi KTP');
  const other = list.find((x) => x.pid !== ktp.pid && x.wajib && !/pas foto/i.test(x.name));
  // The applicant has picked a document for one row and unticked nothing; now presses Unggah on another.
  const body = new FormData();
  body.append('csrf', csrfOf(syarat));
  body.append('draft', '1');
  body.append('langkah', 'persyaratan');
  body.append('aksi', `unggah-${ktp.pid}`);
  for (const row of list) {
    body.append('syarat', row.pid);
    body.append(`syarat_${row.pid}_dokumen`, row.pid === other.pid ? String(sharedDocs[other.pid]) : '');
    if (row.pid !== ktp.pid) body.append(`berkas_${row.pid}`, new Blob([]), '');   // an empty file box
  }
  body.append(`berkas_${ktp.pid}`, new Blob([PDF], { type: 'application/pdf' }), 'ktp-budi.pdf');
  const res = await fetch(`${srv.url}${d.path}`, { method: 'POST', body, redirect: 'manual', headers: { cookie: budi.cookieHeader() } });
  assert.equal(res.status, 303, await res.text());
  assert.equal(res.headers.get('location'), `${d.path}?langkah=persyaratan&terunggah=1#syarat-${ktp.pid}`);
  const back = (await budi.get(step(d.path, 'persyaratan'))).body;
  assert.match(back, new RegExp(`id="syarat-${ktp.pid}-file">Berkas: <strong>ktp-budi\\.pdf</strong>`));
  for (const pid of [ktp.pid, other.pid]) {
    assert.match(back, new RegExp(`name="syarat_${pid}_terpenuhi" value="1" data-terpenuhi checked`), `row ${pid} ticked`);
  }
  assert.ok(options(back, `syarat-${other.pid}-dokumen`).find((o) => o.selected && o.value === String(sharedDocs[other.pid])),
    'the picked document of the other row was kept');
  assert.equal(sql(`SELECT count(*) FROM permohonan_syarat WHERE permohonan_id = ${d.id} AND terpenuhi = 1`), '2');
  // The earlier steps kept their values too.
  assert.equal(sql(`SELECT jenis_izin_id FROM permohonan WHERE id = ${d.id}`), choice.jenis_izin);
  // Unggah without a file says so beside the row; nothing else changes.
  const again = new FormData();
  again.append('csrf', csrfOf(back));
  again.append('draft', '1');
  again.append('langkah', 'persyaratan');
  again.append('aksi', `unggah-${other.pid}`);
  again.append('syarat', other.pid);
  again.append(`berkas_${other.pid}`, new Blob([]), '');
  const r2 = await fetch(`${srv.url}${d.path}`, { method: 'POST', body: again, redirect: 'manual', headers: { cookie: budi.cookieHeader() } });
  assert.equal(r2.status, 400);
  assert.match(await r2.text(), new RegExp(`<p class="err" id="syarat-${other.pid}-err">Pilih berkas yang akan diunggah\\.`));
  // Unticking is kept: the applicant may untick what an upload ticked.
  const f = { syarat: list.map((x) => x.pid), [`syarat_${ktp.pid}_dokumen`]: sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${d.id} AND persyaratan_id = ${ktp.pid}`) };
  assert.equal((await saveAll(budi, d.path, { langkah: 'persyaratan', ...f })).status, 303);
  assert.equal(sql(`SELECT terpenuhi FROM permohonan_syarat WHERE permohonan_id = ${d.id} AND persyaratan_id = ${ktp.pid}`), '0');
});

test('Sebelumnya, Berikutnya and the step list save what the step carries before they move', async () => {
  const d = await tambah(budi);
  const r = await saveAll(budi, d.path, { langkah: 'permohonan', ke: 'pemohon', lokasi_nama: 'Apotek Sehat', lokasi_alamat: 'Jl. Baru 1' });
  assert.equal(r.status, 303);
  assert.equal(r.location, `${d.path}?langkah=pemohon`);
  assert.equal(sql(`SELECT lokasi_nama || '|' || lokasi_alamat FROM permohonan WHERE id = ${d.id}`), 'Apotek Sehat|Jl. Baru 1');
  const back = await saveAll(budi, d.path, { langkah: 'pemohon', ke: 'permohonan' });
  assert.equal(back.location, `${d.path}?langkah=permohonan`);
  assert.match((await budi.get(back.location)).body, /value="Apotek Sehat"/);
  assert.equal((await saveAll(budi, d.path, { langkah: 'bukan-langkah', ke: '../../etc' })).location, `${d.path}?langkah=permohonan&tersimpan=1`,
    'an unknown step is the first one');
});

test('Hapus: a confirmation page, then the draft and its requirement links go; the documents stay in Dokumen', async () => {
  const d = await tambah(budi);
  const choice = await chooseSip(budi, d.path);
  const syarat = (await budi.get(step(d.path, 'persyaratan'))).body;
  assert.equal((await saveAll(budi, d.path, { ...choice, langkah: 'persyaratan', ...ticks(syarat, sharedDocs) })).status, 303);
  const linked = sql(`SELECT count(*) FROM permohonan_syarat WHERE permohonan_id = ${d.id} AND dokumen_id IS NOT NULL`);
  assert.ok(Number(linked) > 0);
  const docsBefore = sql('SELECT count(*) FROM dokumen');
  const files = dokFiles();
  // The list offers Hapus for drafts only.
  const list = (await budi.get('/pemohon/profil')).body;
  assert.match(list, new RegExp(`href="${d.path}/hapus"`));
  const confirm = await budi.get(`${d.path}/hapus`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.body, /Dokumen di tab Dokumen tidak ikut terhapus/);
  assert.match(confirm.body, /Surat Izin Praktik Dokter/);
  // Another applicant, a forged id, a GET: nothing happens.
  const scsrf = csrfOf((await sari.get('/pemohon/profil')).body);
  assert.equal((await sari.get(`${d.path}/hapus`)).status, 404);
  assert.equal((await sari.post(`${d.path}/hapus`, { csrf: scsrf })).status, 404);
  assert.equal((await budi.post(`${d.path}/hapus`, { csrf: 'forged' })).status, 403);
  assert.equal((await budi.post('/pemohon/permohonan/abc/hapus', { csrf: csrfOf(confirm.body) })).status, 404);
  assert.equal(sql(`SELECT count(*) FROM permohonan WHERE id = ${d.id}`), '1');
  const r = await budi.post(`${d.path}/hapus`, { csrf: csrfOf(confirm.body) });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/pemohon/profil?dihapus=1');
  assert.match((await budi.get(r.location)).body, /Draf permohonan dihapus/);
  assert.equal(sql(`SELECT count(*) FROM permohonan WHERE id = ${d.id}`), '0');
  assert.equal(sql(`SELECT count(*) FROM permohonan_syarat WHERE permohonan_id = ${d.id}`), '0');
  assert.equal(sql('SELECT count(*) FROM dokumen'), docsBefore, 'no locker document deleted');
  assert.deepEqual(dokFiles(), files, 'no file deleted');
  assert.equal((await budi.get(d.path)).status, 404);
  // A submitted application cannot be deleted.
  const done = sql(`SELECT id FROM permohonan WHERE account_id = (SELECT id FROM account WHERE username = 'budi.izin') AND status <> 'draft' LIMIT 1`);
  const c2 = csrfOf((await budi.get('/pemohon/profil')).body);
  assert.equal((await budi.post(`/pemohon/permohonan/${done}/hapus`, { csrf: c2 })).status, 409);
  assert.equal(sql(`SELECT count(*) FROM permohonan WHERE id = ${done}`), '1');
});

test('50 drafts submitted in parallel get 50 distinct consecutive numbers', async () => {
  const drafts = [];
  for (let i = 0; i < 50; i++) {
    const d = await tambah(budi);
    const choice = i === 0 ? await chooseSip(budi, d.path) : drafts[0].choice;
    if (i > 0) {   // the cascade in one go: instansi, unit and jenis izin are already known
      for (const step of [{ instansi: choice.instansi }, { instansi: choice.instansi, unit: choice.unit }, choice])
        assert.equal((await saveAll(budi, d.path, { jenis_permohonan: 'baru', ...step }, 'pilih')).status, 303);
    }
    const page = (await budi.get(step(d.path, 'persyaratan'))).body;
    const r = await saveAll(budi, d.path, { ...choice, ...LOKASI, ...SIP_TEKNIS, ...ticks(page, sharedDocs) });
    assert.equal(r.status, 303);
    drafts.push({ ...d, choice, csrf: csrfOf((await budi.get(d.path)).body) });
  }
  const before = Number(sql(`SELECT count(*) FROM permohonan WHERE nomor IS NOT NULL`));
  const answers = await Promise.all(drafts.map((d) => budi.post(`${d.path}/buat`, { csrf: d.csrf })));
  const numbers = answers.map((r) => {
    assert.equal(r.status, 200, r.body.slice(0, 300));
    return decode(r.body.match(/class="pm-nomor">([^<]+)</)[1]);
  });
  assert.equal(new Set(numbers).size, 50, 'distinct');
  const counters = numbers.map((n) => Number(n.split('/').pop())).sort((a, b) => a - b);
  assert.deepEqual(counters, Array.from({ length: 50 }, (_, i) => before + 1 + i), 'consecutive, no gaps');
});

test('demo workflows: one per jenis izin × enabled jenis permohonan, realistic steps, the same rows after a second run', async () => {
  const snapshot = () => sql(`SELECT w.id || ':' || w.jenis_permohonan || ':' || s.position || ':' || s.role_key || ':' || s.kind || ':' || s.sla_days
    FROM workflow w JOIN workflow_step s ON s.workflow_id = w.id ORDER BY w.id, s.position`);
  const before = snapshot();
  // 2 offices × (4 permit types × 3 + PBG's Baru and Perubahan).
  assert.equal(sql('SELECT count(*) FROM workflow'), String(2 * (4 * 3 + 2)));
  const r = loket(['demo'], srv.env);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(snapshot(), before, 'idempotent');
  const pbg = sql(`SELECT s.role_key || '/' || s.kind || '/' || s.sla_days FROM workflow w JOIN workflow_step s ON s.workflow_id = w.id
    JOIN jenis_izin j ON j.id = w.jenis_izin_id JOIN instansi i ON i.id = j.instansi_id
    WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'pbg' AND w.jenis_permohonan = 'baru' ORDER BY s.position`).split('\n');
  assert.deepEqual(pbg.map((x) => x.split('/').slice(0, 2).join('/')), ['front_office/verifikasi_berkas', 'verifikator/verifikasi_berkas',
    'tim_teknis/tinjau_lapangan', 'tim_teknis/rekomendasi', 'bendahara/hitung_retribusi', 'bendahara/konfirmasi_pembayaran', 'verifikator/penetapan',
    'penandatangan/tanda_tangan', 'penyerahan/penyerahan']);
  assert.equal(pbg.reduce((sum, x) => sum + Number(x.split('/')[2]), 0), 28, 'the steps add up to the SLA of PBG');
  const sip = sql(`SELECT SUM(s.sla_days) FROM workflow w JOIN workflow_step s ON s.workflow_id = w.id
    JOIN jenis_izin j ON j.id = w.jenis_izin_id JOIN instansi i ON i.id = j.instansi_id
    WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'sipa' AND w.jenis_permohonan = 'baru'`);
  assert.equal(sip, '7', 'and to the 7 days of SIPA');
});

test('a document deleted in another tab: the form again with the message beside its row, nothing typed lost', async () => {
  const d = await tambah(budi);
  await chooseSip(budi, d.path);
  const page = (await budi.get(step(d.path, 'persyaratan'))).body;
  const pid = rows(page)[0].pid;
  const up = await uploadFor(budi, d.path, pid, { bytes: PDF, type: 'application/pdf', name: 'hapus-nanti.pdf' }, { json: true });
  const doc = JSON.parse(up.body).dokumen;
  // The other tab: the document is deleted from Dokumen (it is only in a draft).
  const csrf = csrfOf((await budi.get('/pemohon/dokumen')).body);
  sql(`UPDATE permohonan_syarat SET dokumen_id = NULL WHERE dokumen_id = ${doc}`);
  assert.equal((await budi.post(`/pemohon/dokumen/${doc}/hapus`, { csrf })).status, 303);
  // This tab still offers it and posts it with the rest of its step.
  const r = await saveAll(budi, d.path, { langkah: 'persyaratan', ...LOKASI, lokasi_nama: 'Klinik Tetap Tersimpan', syarat: pid,
    [`syarat_${pid}_dokumen`]: String(doc), [`syarat_${pid}_terpenuhi`]: '1', [`syarat_${pid}_catatan`]: 'x' });
  assert.equal(r.status, 400);
  assert.doesNotMatch(r.body, /Permohonan tidak ditemukan/);
  assert.match(r.body, /aria-current="step">[^]{0,120}Persyaratan/, 'the step it was posted from');
  assert.match(r.body, new RegExp(`id="syarat-${pid}"[\\s\\S]*dokumen yang dipilih tidak ada lagi`));
  assert.equal(sql(`SELECT lokasi_nama FROM permohonan WHERE id = ${d.id}`), 'Klinik Tetap Tersimpan', 'the rest was saved');
});
