// The document locker, tab Dokumen (SPEC 4.7), against the real binary: upload, list,
// download (the same bytes), delete; refused files (a program renamed .pdf, an empty
// file, too large), missing fields, reversed dates; another applicant's documents; CSRF;
// a document used by a submitted application cannot be deleted but can be replaced
// (Ganti), and an officer of that instansi may download it.  Refusals leave no file in
// DATA/files or DATA/tmp and no row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { JPEG, activeApplicant, errors } from '../lib/registrasi.mjs';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n');
// The start of an ELF program, named like a PDF.
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1), Buffer.from('%PDF-1.4\n')]);

let srv, budi, sari;
before(async () => {
  srv = await startServer({ smtp: true, env: { LOKET_MAX_UPLOAD_MB: '1' } });
  budi = await activeApplicant(srv, { step1: { username: 'budi.dok', nama: 'Budi Dokumen', email: 'budi.dok@example.com' },
    step2: { no_identitas: '1971011508900011' } });
  sari = await activeApplicant(srv, { step1: { username: 'sari.dok', nama: 'Sari Dokumen', email: 'sari.dok@example.com' },
    step2: { no_identitas: '1971015508900012', jenis_kelamin: 'P' } });
});
after(async () => { await srv?.stop(); });

const sql = (query) => srv.sql(query);
const dokFiles = () => readdirSync(join(srv.dataDir, 'files')).filter((n) => n.startsWith('dok-')).sort();
const tmpFiles = () => readdirSync(join(srv.dataDir, 'tmp')).filter((n) => !n.startsWith('.'));
async function tmpFilesSettled() {
  for (let i = 0; i < 40 && tmpFiles().length; i++) await new Promise((ok) => setTimeout(ok, 50));
  return tmpFiles();
}

const csrfOf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];

// Posts the upload form in one piece (as a browser sends a small form).
async function upload(c, fields, file, { path = '/pemohon/dokumen', csrf } = {}) {
  const token = csrf === undefined ? csrfOf((await c.get('/pemohon/dokumen')).body) : csrf;
  const form = new FormData();
  if (token !== null) form.append('csrf', token);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('berkas', new Blob([file.bytes], { type: file.type || 'application/octet-stream' }), file.name);
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const res = await fetch(srv.url + path, { method: 'POST', redirect: 'manual',
    body: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: c.cookieHeader(), 'content-type': encoded.headers.get('content-type') } });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

const AKTA = { jenis_dokumen: 'Akta Pendirian', nomor: 'AHU-0012345.AH.01.01', berlaku_dari: '2020-01-15', berlaku_sampai: '' };

// The id of the locker entry whose text matches.
function docIds(html) {
  return [...html.matchAll(/href="\/pemohon\/dokumen\/(\d+)\/unduh"/g)].map((m) => Number(m[1]));
}

test('upload, list, download the very bytes, delete', async () => {
  let r = await budi.get('/pemohon/dokumen');
  assert.equal(r.status, 200);
  assert.match(r.body, /aria-current="page">Dokumen</);
  assert.match(r.body, /Belum ada dokumen/);
  assert.match(r.body, /paling besar 1 MB/);

  r = await upload(budi, AKTA, { bytes: PDF, type: 'application/pdf', name: 'akta pendirian.pdf' });
  assert.equal(r.status, 303, errors(r.body));
  assert.equal(r.location, '/pemohon/dokumen?pesan=tersimpan');
  r = await budi.get(r.location);
  assert.match(r.body, /Dokumen tersimpan/);
  assert.match(r.body, /Akta Pendirian/);
  assert.match(r.body, /AHU-0012345\.AH\.01\.01/);
  assert.match(r.body, /15 Januari 2020/);
  assert.match(r.body, /akta pendirian\.pdf/);
  const [id] = docIds(r.body);
  assert.ok(id);
  const files = dokFiles();
  assert.equal(files.length, 1);
  assert.match(files[0], /^dok-[A-Za-z0-9_-]{43}\.pdf$/, 'stored under a Loket name');
  assert.equal(sql(`SELECT sha256 FROM dokumen WHERE id = ${id}`),
    (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex'));

  const res = await fetch(`${srv.url}/pemohon/dokumen/${id}/unduh`, { headers: { cookie: budi.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition'), /attachment; .*akta/);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PDF, 'the download is the upload');

  // A JPEG too.
  r = await upload(budi, { jenis_dokumen: 'KTP', nomor: '1971011508900011', berlaku_dari: '', berlaku_sampai: '' },
    { bytes: JPEG, type: 'image/jpeg', name: 'ktp.jpg' });
  assert.equal(r.status, 303, errors(r.body));
  r = await budi.get('/pemohon/dokumen');
  assert.equal(docIds(r.body).length, 2);

  // Hapus.
  r = await budi.post(`/pemohon/dokumen/${id}/hapus`, { csrf: csrfOf(r.body) });
  assert.equal(r.status, 303);
  r = await budi.get(r.location);
  assert.match(r.body, /Dokumen dihapus/);
  assert.ok(!docIds(r.body).includes(id), 'gone from the list');
  assert.equal(dokFiles().length, 1, 'its file is gone');
  assert.equal(sql(`SELECT count(*) FROM dokumen WHERE id = ${id}`), '0');
  assert.equal((await budi.get(`/pemohon/dokumen/${id}/unduh`)).status, 404);
});

test('refused files and fields leave no file and no row', async () => {
  const before = { files: dokFiles(), rows: sql('SELECT count(*) FROM dokumen') };
  const cases = [
    [AKTA, { bytes: ELF, type: 'application/pdf', name: 'akta.pdf' }, /bukan|tidak/i, 'berkas'],
    [AKTA, { bytes: Buffer.alloc(0), type: 'application/pdf', name: 'kosong.pdf' }, /kosong/i, 'berkas'],
    [AKTA, null, /Pilih berkas/, 'berkas'],
    [{ ...AKTA, jenis_dokumen: '  ' }, { bytes: PDF, name: 'a.pdf' }, /Jenis dokumen wajib diisi/, 'jenis_dokumen'],
    [{ ...AKTA, berlaku_dari: '2026-05-01', berlaku_sampai: '2026-04-30' }, { bytes: PDF, name: 'a.pdf' },
      /sampai tidak boleh sebelum/, 'berlaku_sampai'],
    [{ ...AKTA, berlaku_dari: '2026-02-30' }, { bytes: PDF, name: 'a.pdf' }, /Tanggal tidak valid/, 'berlaku_dari'],
  ];
  for (const [fields, file, msg, key] of cases) {
    const r = await upload(budi, fields, file);
    assert.equal(r.status, 400, `${key}: ${errors(r.body)}`);
    assert.match(r.body, msg);
    assert.match(r.body, new RegExp(`id="${key}"[^>]*aria-invalid="true"`), `${key} is marked`);
    assert.match(r.body, new RegExp(`<li><a href="#${key}">`), `${key} in the summary`);
    if (fields.nomor) assert.match(r.body, /value="AHU-0012345\.AH\.01\.01"/, 'what was typed is kept');
  }
  assert.deepEqual(dokFiles(), before.files);
  assert.equal(sql('SELECT count(*) FROM dokumen'), before.rows);
  assert.deepEqual(await tmpFilesSettled(), []);
});

test('a file over the upload limit gets 413 and the server keeps serving', async () => {
  const before = { files: dokFiles(), rows: sql('SELECT count(*) FROM dokumen') };
  const r = await upload(budi, AKTA, { bytes: Buffer.concat([PDF, Buffer.alloc(1536 << 10)]), type: 'application/pdf', name: 'besar.pdf' });
  assert.equal(r.status, 413);
  assert.match(r.body, /terlalu besar/i);
  assert.equal((await budi.get('/pemohon/dokumen')).status, 200, 'still serving');
  assert.deepEqual(dokFiles(), before.files);
  assert.equal(sql('SELECT count(*) FROM dokumen'), before.rows);
  assert.deepEqual(await tmpFilesSettled(), []);
});

test("another applicant's document: 404 to download, delete or replace, and nothing changes", async () => {
  let r = await upload(budi, { ...AKTA, jenis_dokumen: 'NPWP Perusahaan' }, { bytes: PDF, name: 'npwp.pdf' });
  assert.equal(r.status, 303);
  const id = docIds((await budi.get('/pemohon/dokumen')).body)[0];
  const page = await sari.get('/pemohon/dokumen');
  assert.doesNotMatch(page.body, /NPWP Perusahaan/);
  assert.equal((await sari.get(`/pemohon/dokumen/${id}/unduh`)).status, 404);
  assert.equal((await sari.post(`/pemohon/dokumen/${id}/hapus`, { csrf: csrfOf(page.body) })).status, 404);
  assert.equal((await sari.get(`/pemohon/dokumen/${id}/ganti`)).status, 404);
  r = await upload(sari, AKTA, { bytes: PDF, name: 'x.pdf' }, { path: `/pemohon/dokumen/${id}/ganti` });
  assert.equal(r.status, 404);
  assert.equal(sql(`SELECT count(*) FROM dokumen WHERE id = ${id} AND deleted_at IS NULL`), '1');
  assert.equal(sql(`SELECT count(*) FROM dokumen WHERE account_id = (SELECT account_id FROM dokumen WHERE id = ${id})`),
    String(docIds((await budi.get('/pemohon/dokumen')).body).length));
  // Not logged in: to the log-in page.
  const anon = new Client(srv.url);
  r = await anon.get(`/pemohon/dokumen/${id}/unduh`);
  assert.ok([302, 303].includes(r.status));
  assert.match(r.location, /\/login/);
  assert.deepEqual(await tmpFilesSettled(), []);
});

test('without the CSRF token nothing is stored or deleted (403)', async () => {
  const before = { files: dokFiles(), rows: sql('SELECT count(*) FROM dokumen') };
  let r = await upload(budi, AKTA, { bytes: PDF, name: 'a.pdf' }, { csrf: null });
  assert.equal(r.status, 403);
  r = await upload(budi, AKTA, { bytes: PDF, name: 'a.pdf' }, { csrf: 'x'.repeat(43) });
  assert.equal(r.status, 403);
  const id = docIds((await budi.get('/pemohon/dokumen')).body)[0];
  r = await budi.post(`/pemohon/dokumen/${id}/hapus`, {});
  assert.equal(r.status, 403);
  assert.deepEqual(dokFiles(), before.files);
  assert.equal(sql('SELECT count(*) FROM dokumen'), before.rows);
  assert.deepEqual(await tmpFilesSettled(), []);
});

test('a document of a submitted application: Hapus refused, Ganti keeps the old version, the officer may download it', async () => {
  let r = await upload(budi, { jenis_dokumen: 'Izin Usaha Lama', nomor: '503/12/2020', berlaku_dari: '2020-01-01', berlaku_sampai: '2025-12-31' },
    { bytes: PDF, name: 'izin lama.pdf' });
  assert.equal(r.status, 303);
  const id = docIds((await budi.get('/pemohon/dokumen')).body)[0];
  // Used by a draft and by a submitted application (rows as the application module writes them).
  const acct = sql(`SELECT account_id FROM dokumen WHERE id = ${id}`);
  const inst = sql("SELECT id FROM instansi WHERE slug = 'kota-pangkalpinang'");
  const syarat = sql('SELECT min(id) FROM persyaratan');
  const insert = (status, nomor) => sql(`INSERT INTO permohonan (account_id, instansi_id, status, nomor) VALUES (${acct}, ${inst}, '${status}', ${nomor ? `'${nomor}'` : 'NULL'}) RETURNING id`).split('\n')[0];
  const submitted = insert('diajukan', 'TEST/001/2026');
  const draft = insert('draft', null);
  sql(`INSERT INTO permohonan_syarat (permohonan_id, persyaratan_id, dokumen_id, terpenuhi) VALUES (${submitted}, ${syarat}, ${id}, 1), (${draft}, ${syarat}, ${id}, 1)`);

  let page = await budi.get('/pemohon/dokumen');
  assert.match(page.body, /Dipakai oleh permohonan yang sudah diajukan/);
  r = await budi.post(`/pemohon/dokumen/${id}/hapus`, { csrf: csrfOf(page.body) });
  assert.equal(r.status, 409);
  assert.match(r.body, /tidak dapat dihapus/);
  assert.match(r.body, new RegExp(`href="/pemohon/dokumen/${id}/ganti"`), 'Ganti is offered');
  assert.equal(sql(`SELECT count(*) FROM dokumen WHERE id = ${id} AND deleted_at IS NULL`), '1');

  // An officer of Pangkalpinang may download it; one of Muara Enim may not.
  const fo = new Client(srv.url);
  assert.equal((await fo.login('fo.pangkalpinang', DEMO_PASSWORD)).status, 303);
  const res = await fetch(`${srv.url}/pemohon/dokumen/${id}/unduh`, { headers: { cookie: fo.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PDF);
  const foME = new Client(srv.url);
  assert.equal((await foME.login('fo.muaraenim', DEMO_PASSWORD)).status, 303);
  assert.equal((await foME.get(`/pemohon/dokumen/${id}/unduh`)).status, 404);

  // Ganti: a new version; the old row leaves the locker and stays for the application.
  page = await budi.get(`/pemohon/dokumen/${id}/ganti`);
  assert.equal(page.status, 200);
  assert.match(page.body, /value="Izin Usaha Lama"/);
  r = await upload(budi, { jenis_dokumen: 'Izin Usaha Lama', nomor: '503/12/2020', berlaku_dari: '2021-01-01', berlaku_sampai: '2026-12-31' },
    { bytes: JPEG, type: 'image/jpeg', name: 'izin baru.jpg' }, { path: `/pemohon/dokumen/${id}/ganti` });
  assert.equal(r.status, 303, errors(r.body));
  page = await budi.get(r.location);
  assert.match(page.body, /Versi baru dokumen tersimpan/);
  const ids = docIds(page.body);
  assert.ok(!ids.includes(id), 'the old version left the locker');
  const newId = sql(`SELECT id FROM dokumen WHERE replaces_id = ${id}`);
  assert.ok(ids.includes(Number(newId)));
  assert.notEqual(sql(`SELECT deleted_at FROM dokumen WHERE id = ${id}`), '');
  assert.equal(sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${submitted}`), String(id), 'the submitted application keeps the old one');
  assert.equal(sql(`SELECT dokumen_id FROM permohonan_syarat WHERE permohonan_id = ${draft}`), newId, 'the draft takes the new one');
  const old = await fetch(`${srv.url}/pemohon/dokumen/${id}/unduh`, { headers: { cookie: budi.cookieHeader() } });
  assert.equal(old.status, 200, 'the owner can still fetch the version the application uses');

  // A document used only by a draft may be deleted: the draft loses it.
  page = await budi.get('/pemohon/dokumen');
  r = await budi.post(`/pemohon/dokumen/${newId}/hapus`, { csrf: csrfOf(page.body) });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT coalesce(dokumen_id, 0) || '/' || terpenuhi FROM permohonan_syarat WHERE permohonan_id = ${draft}`), '0/0');
});

test('file names follow the text rules and the saved extension matches the detected type', async () => {
  let r = await upload(budi, AKTA, { bytes: PDF, type: 'text/html', name: 'surat-izin.html' });
  assert.equal(r.status, 303);
  let page = (await budi.get('/pemohon/dokumen')).body;
  assert.match(page, /surat-izin\.pdf/, 'a PDF sent as .html is kept as .pdf');
  assert.doesNotMatch(page, /surat-izin\.html/);
  const id = Math.max(...docIds(page));
  const res = await fetch(`${srv.url}/pemohon/dokumen/${id}/unduh`, { headers: { cookie: budi.cookieHeader() } });
  assert.match(res.headers.get('content-disposition'), /surat-izin\.pdf/);
  assert.doesNotMatch(res.headers.get('content-disposition'), /\.html/);

  // A right-to-left override would show "foto\u202Egpj.exe" as "fotoexe.jpg".
  for (const name of ['foto\u202Egpj.exe', 'a\u2066b.jpg', 'baris\u2028dua.jpg', 'c\u0085d.jpg']) {
    r = await upload(budi, { jenis_dokumen: 'KTP', nomor: '1971011508900011', berlaku_dari: '', berlaku_sampai: '' },
      { bytes: JPEG, type: 'image/jpeg', name });
    assert.equal(r.status, 303, JSON.stringify(name));
  }
  page = (await budi.get('/pemohon/dokumen')).body;
  assert.doesNotMatch(page, /[\u202A-\u202E\u2066-\u2069\u2028\u2029\u0080-\u009F]/, 'no control character is stored or shown');
  const names = sql(`SELECT file_name FROM dokumen WHERE account_id = (SELECT id FROM account WHERE username = 'budi.dok')`);
  assert.doesNotMatch(names, /[\u202A-\u202E\u2066-\u2069\u2028\u2029\u0080-\u009F]/);
  assert.match(names, /(berkas|dokumen)\.jpg/, 'such a name is replaced by a plain one');
});
