// The Registrasi Pemohon wizard (SPEC 4.1) against the real binary: a whole registration
// with a real JPEG and the mail it queues, every validation rule through crafted POSTs,
// Prev and reloads keeping values, CSRF, hostile uploads and strings, skipping steps, and
// two registrations racing for one username.  Runs on SQLite, and on PostgreSQL when
// LOKET_TEST_PG_URL is set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/harness.mjs';
import { Pemohon, JPEG, STEP1, STEP2, STEP3, errors } from '../lib/registrasi.mjs';

let srv;
before(async () => { srv = await startServer({ smtp: true }); });
after(async () => { await srv?.stop(); });

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages ' +
  '/Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

// The message next to one field, or null.
function fieldError(html, key) {
  const m = html.match(new RegExp(`<p class="err" id="${key}-err">([^<]*)</p>`));
  return m ? m[1] : null;
}

function inputValue(html, key) {
  const m = html.match(new RegExp(`<input id="${key}" name="${key}"[^>]* value="([^"]*)"`));
  return m ? m[1] : null;
}

function selected(html, key) {
  const sel = html.match(new RegExp(`<select id="${key}"[\\s\\S]*?</select>`));
  const m = sel && sel[0].match(/<option value="([^"]*)" selected>/);
  return m ? m[1] : null;
}

const identityFiles = () => readdirSync(join(srv.dataDir, 'files')).filter((n) => n.startsWith('identitas-')).sort();
const tmpFiles = () => readdirSync(join(srv.dataDir, 'tmp'));
// Temporary upload files are removed when the request completes, just after the answer
// left: wait a moment for that.
async function tmpFilesSettled() {
  for (let i = 0; i < 40 && tmpFiles().length; i++) await new Promise((ok) => setTimeout(ok, 50));
  return tmpFiles();
}

const sql = (query) => srv.sql(query);

async function stillServing() {
  const r = await fetch(srv.url + '/registrasi');
  assert.equal(r.status, 200, 'the server keeps serving');
}

test('a whole registration: four steps, the scan kept under a Loket name, a mail queued', async () => {
  const p = new Pemohon(srv.url);
  let r = await p.open();
  assert.equal(r.status, 200);
  assert.match(r.body, /reg-pct-n">0<\/span>% Proses Registrasi/);
  assert.match(r.body, /<li aria-current="step" class="current"><span class="reg-num" aria-hidden="true">1<\/span> Data User<\/li>/);
  for (const name of ['Identitas User', 'Kontak &amp; Alamat', 'Registrasi Selesai']) assert.ok(r.body.includes(name));
  assert.match(r.body, /<label for="username">Username <span class="req-mark" aria-hidden="true">\*<\/span><\/label>/);
  assert.match(r.body, /<option value="kota-pangkalpinang">Pemerintah Kota Pangkalpinang<\/option>/);
  assert.match(r.body, /<option value="kabupaten-muara-enim">Pemerintah Kabupaten Muara Enim<\/option>/);
  assert.match(r.body, /Sudah punya akun\? Login di sini/);
  assert.match(r.body, /maxlength="100" data-max="100"/);
  assert.match(r.body, /Paling banyak 100 karakter/, 'the limit is stated, not only counted by JavaScript');

  await p.throughStep2();
  const files = identityFiles();
  assert.equal(files.length, 1);
  assert.match(files[0], /^identitas-[A-Za-z0-9_-]{43}\.jpg$/, 'a Loket-chosen name, never the applicant\'s');
  assert.deepEqual(readFileSync(join(srv.dataDir, 'files', files[0])), JPEG, 'the stored file is the one uploaded');
  assert.deepEqual(await tmpFilesSettled(), [], 'nothing left in tmp');

  r = await p.get('/registrasi/3');
  assert.equal(r.status, 200);
  assert.match(r.body, /action="\/registrasi\/3"/);
  assert.doesNotMatch(r.body, /enctype/, 'only step 2 sends a file');
  assert.match(r.body, /<option value="19">Kepulauan Bangka Belitung<\/option>/);
  assert.match(r.body, />Daftar</);
  r = await p.step(3, STEP3);
  assert.equal(r.status, 200, errors(r.body));
  assert.match(r.body, /Registrasi Berhasil/);
  assert.match(r.body, /reg-pct-n">100<\/span>% Proses Registrasi/);
  assert.match(r.body, /aria-current="step" class="current"><span class="reg-num" aria-hidden="true">4</);
  assert.match(r.body, /budi@example.com/);
  assert.match(r.body, /link verifikasi/);

  const mail = await srv.waitForMail((m) => m.to.includes('budi@example.com'));
  assert.match(mail.body, /Terima kasih telah melakukan pendaftaran\. Anda akan mendapatkan notifikasi jika\s+pendaftaran anda telah disetujui/);
  assert.match(mail.body, /Pangkalpinang/);

  assert.equal(sql("SELECT status || ' ' || kind || ' ' || username FROM account WHERE email = 'budi@example.com'"), 'menunggu pemohon budi.santoso');
  assert.equal(sql("SELECT tipe_identitas || ' ' || no_identitas || ' ' || jenis_kelamin || ' ' || hp || ' ' || telepon || ' ' || desa_code FROM pemohon_profile"),
    'KTP 1971011508900001 L +6281234567890 +62717436772 19.71.01.1007');
  assert.equal(sql('SELECT identity_file || \' \' || identity_mime || \' \' || identity_name FROM pemohon_profile'), `${files[0]} image/jpeg ktp saya.jpg`);
  assert.equal(sql('SELECT count(*) FROM registration_draft'), '0', 'the draft is gone');
  assert.deepEqual(identityFiles(), files, 'the scan stays, now the profile\'s');

  // The draft is gone: the wizard starts again from an empty step 1.
  r = await p.get('/registrasi');
  assert.equal(inputValue(r.body, 'username'), '');
  r = await p.get('/registrasi/3');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/registrasi/1');
});

test('step 1: username and email unique regardless of case, formats, instansi', async () => {
  // budi.santoso / budi@example.com exist after the first test; make sure regardless of order.
  const first = new Pemohon(srv.url);
  if (sql("SELECT count(*) FROM account WHERE username_lower = 'siti.aminah'") === '0') {
    await first.throughStep2({ username: 'siti.aminah', email: 'siti@example.com', nama: 'Siti Aminah' },
      { no_identitas: '1971015508900002', jenis_kelamin: 'P' });
    const done = await first.step(3, STEP3);
    assert.match(done.body, /Registrasi Berhasil/, errors(done.body));
  }
  const p = new Pemohon(srv.url);
  const cases = [
    [{ username: 'SITI.Aminah' }, 'username', 'Username sudah dipakai.'],
    [{ email: 'SITI@Example.COM' }, 'email', 'Email sudah terdaftar.'],
    [{ username: '' }, 'username', 'Username wajib diisi.'],
    [{ username: 'ab' }, 'username', 'Username harus 3–30 karakter.'],
    [{ username: 'budi santoso' }, 'username', /^Username hanya boleh berisi/],
    [{ username: '.budi' }, 'username', 'Username harus diawali huruf atau angka.'],
    [{ email: 'budi@' }, 'email', 'Format email tidak sah, contoh: nama@contoh.com.'],
    [{ email: 'a@b@c.id' }, 'email', 'Email harus berisi tepat satu tanda @.'],
    [{ nama: 'B4di 123' }, 'nama', /^Nama hanya boleh berisi/],
    [{ nama: '' }, 'nama', 'Nama wajib diisi.'],
    [{ instansi: '' }, 'instansi', 'Pilih instansi yang dituju.'],
    [{ instansi: 'kota-atlantis' }, 'instansi', 'Pilih instansi yang dituju dari daftar.'],
  ];
  for (const [change, key, message] of cases) {
    const r = await p.step(1, { ...STEP1, username: 'andi.wijaya', email: 'andi@example.com', ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    const got = fieldError(r.body, key);
    if (message instanceof RegExp) assert.match(got || '', message, JSON.stringify(change));
    else assert.equal(got, message, JSON.stringify(change));
    // Tied to the field, summarised at the top, typed values kept.
    assert.match(r.body, new RegExp(`<(input|select) id="${key}"[^>]* aria-describedby="[^"]*${key}-err"[^>]* aria-invalid="true"`));
    assert.match(r.body, /<div class="summary-err" role="alert"/);
    assert.match(r.body, new RegExp(`<a href="#${key}">`));
    if (change.nama !== undefined) assert.equal(inputValue(r.body, 'nama'), change.nama.replace(/&/g, '&amp;'));
  }
  const ok = await p.step(1, { ...STEP1, username: 'Andi.Wijaya', email: 'andi@example.com' });
  assert.equal(ok.status, 303);
  const back = await p.get('/registrasi/1');
  assert.equal(inputValue(back.body, 'username'), 'andi.wijaya', 'stored lowercased: one account regardless of case');
});

test('step 2: identity numbers by type, NIK against kecamatan, birth date and sex, NPWP, dates', async () => {
  const p = new Pemohon(srv.url);
  let r = await p.step(1, { ...STEP1, username: 'rina.putri', email: 'rina@example.com' });
  assert.equal(r.status, 303);
  const cases = [
    [{ no_identitas: '197101150890001' }, 'no_identitas', 'NIK harus 16 angka.'],
    [{ no_identitas: '19710115089000a1' }, 'no_identitas', 'NIK harus 16 angka.'],
    [{ no_identitas: '1971013208900001' }, 'no_identitas', /^Digit 7–12 NIK harus tanggal lahir/],
    [{ no_identitas: '1971011508900000' }, 'no_identitas', 'Empat digit terakhir NIK tidak boleh 0000.'],
    [{ no_identitas: '1971011608900001' }, 'no_identitas', /^Tanggal lahir pada NIK/],
    [{ no_identitas: '1971015508900001' }, 'no_identitas', /^Kode jenis kelamin pada NIK/],
    [{ no_identitas: '1971991508900001' }, 'no_identitas', 'Kode wilayah pada NIK (digit 1–6) bukan kecamatan yang dikenal.'],
    [{ tipe_identitas: 'SIM', no_identitas: '1234-5678-901' }, 'no_identitas', /^Nomor SIM harus 12 angka/],
    [{ tipe_identitas: 'PASSPORT', no_identitas: '12345678' }, 'no_identitas', /^Nomor paspor harus/],
    [{ tipe_identitas: 'KITAS' }, 'tipe_identitas', 'Pilih tipe identitas: KTP, SIM atau Passport.'],
    [{ jenis_kelamin: '' }, 'jenis_kelamin', 'Pilih jenis kelamin.'],
    [{ jenis_kelamin: 'X' }, 'jenis_kelamin', 'Pilih jenis kelamin.'],
    [{ npwp: '12.345.678.9-012' }, 'npwp', /^NPWP harus 15 angka/],
    [{ npwp: '00.000.000.0-000.000' }, 'npwp', 'NPWP tidak boleh semua nol.'],
    [{ tanggal_lahir: '1990-02-30' }, 'tanggal_lahir', 'Tanggal tersebut tidak ada di kalender.'],
    [{ tanggal_lahir: '15/08/1990' }, 'tanggal_lahir', /^Tanggal harus berformat/],
    [{ tanggal_lahir: new Date().toISOString().slice(0, 10), no_identitas: '' }, 'tanggal_lahir', 'Pemohon harus berusia minimal 17 tahun.'],
    [{ pekerjaan: '' }, 'pekerjaan', 'Wajib diisi.'],
    [{ tempat_lahir: 'x'.repeat(51) }, 'tempat_lahir', 'Terlalu panjang: lihat batas panjang di petunjuk isian.'],
    [{ pekerjaan: 'Guru\u202eRTL' }, 'pekerjaan', 'Tidak boleh berisi baris baru, tab atau karakter kontrol.'],
  ];
  for (const [change, key, message] of cases) {
    r = await p.step(2, { ...STEP2, ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    const got = fieldError(r.body, key);
    if (message instanceof RegExp) assert.match(got || '', message, JSON.stringify(change));
    else assert.equal(got, message, JSON.stringify(change));
    assert.equal(fieldError(r.body, 'lampiran'), 'Unggah salinan identitas (JPEG, PNG atau PDF).');
  }
  assert.match(r.body, /enctype="multipart\/form-data"/);
  // Valid other identity types and NPWP formats, with a PDF scan.
  for (const change of [{ tipe_identitas: 'SIM', no_identitas: '1234-5678-9012' }, { tipe_identitas: 'PASSPORT', no_identitas: 'a1234567' },
    { npwp: '12.345.678.9-012.345' }, { npwp: '1971011508900001' }]) {
    const q = new Pemohon(srv.url);
    await q.step(1, { ...STEP1, username: 'rina.putri', email: 'rina@example.com' });
    r = await q.step(2, { ...STEP2, ...change }, { file: { bytes: PDF, type: 'application/pdf', name: 'ktp.pdf' } });
    assert.equal(r.status, 303, JSON.stringify(change) + ': ' + errors(r.body));
  }
});

test('step 3: phone numbers, kode pos and the region cascade are checked', async () => {
  const p = new Pemohon(srv.url);
  await p.throughStep2({ username: 'joko.susilo', email: 'joko@example.com' });
  const cases = [
    [{ telepon: '' }, 'telepon', 'Nomor telepon wajib diisi.'],
    [{ telepon: '12345' }, 'telepon', 'Nomor telepon harus diawali 0, 62 atau +62.'],
    [{ telepon: '+1 555 123 4567' }, 'telepon', 'Hanya nomor Indonesia (+62) yang diterima.'],
    [{ hp: '0717 436772' }, 'hp', 'Nomor HP harus nomor seluler, diawali 08 atau +628.'],
    [{ hp: '08123' }, 'hp', /^Nomor HP harus 10–13 angka/],
    [{ kode_pos: '3313' }, 'kode_pos', 'Kode pos harus 5 angka, contoh 33131.'],
    [{ kode_pos: '03313' }, 'kode_pos', 'Kode pos harus 5 angka, contoh 33131.'],
    [{ alamat: '' }, 'alamat', 'Wajib diisi.'],
    [{ provinsi: '' }, 'provinsi', 'Pilih provinsi.'],
    [{ provinsi: '99' }, 'provinsi', 'Wilayah tidak dikenal. Pilih dari daftar.'],
    [{ kabupaten: '16.03' }, 'kabupaten', 'Kabupaten/kota tidak berada di provinsi yang dipilih.'],
    [{ kecamatan: '19.71.99' }, 'kecamatan', 'Wilayah tidak dikenal. Pilih dari daftar.'],
    [{ desa: '19.71.02.1001' }, 'desa', 'Desa/kelurahan tidak berada di kecamatan yang dipilih.'],
    [{ desa: '' }, 'desa', 'Pilih desa/kelurahan.'],
    [{ kecamatan: '19.71' }, 'kecamatan', 'Kecamatan tidak berada di kabupaten/kota yang dipilih.'],
  ];
  for (const [change, key, message] of cases) {
    const r = await p.step(3, { ...STEP3, ...change });
    assert.equal(r.status, 400, JSON.stringify(change));
    const got = fieldError(r.body, key);
    if (message instanceof RegExp) assert.match(got || '', message, JSON.stringify(change));
    else assert.equal(got, message, JSON.stringify(change));
  }
  // The same number in both fields is fine (the Pangkalpinang manual says so).
  const r = await p.step(3, { ...STEP3, telepon: '0812 3456 7890', hp: '0812 3456 7890' });
  assert.match(r.body, /Registrasi Berhasil/, errors(r.body));
});

test('without JavaScript the region lists fill by round trips ("Pilih")', async () => {
  const p = new Pemohon(srv.url);
  await p.throughStep2({ username: 'dewi.lestari', email: 'dewi@example.com' });
  let r = await p.get('/registrasi/3');
  assert.match(r.body, /<button type="submit" name="aksi" value="wilayah" class="btn-line pick">Pilih<span class="sr-only"> Provinsi<\/span><\/button>/);
  assert.doesNotMatch(r.body, /<option value="19.71">/, 'no kabupaten before a provinsi is chosen');
  r = await p.step(3, { ...STEP3, kabupaten: '', kecamatan: '', desa: '' }, { aksi: 'wilayah' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/registrasi/3#kabupaten');
  r = await p.get('/registrasi/3');
  assert.match(r.body, /<option value="19.71">Kota Pangkalpinang<\/option>/);
  assert.equal(selected(r.body, 'provinsi'), '19');
  assert.equal(inputValue(r.body, 'alamat'), STEP3.alamat, 'typed values kept');
  r = await p.step(3, { ...STEP3, kecamatan: '', desa: '' }, { aksi: 'wilayah' });
  assert.equal(r.location, '/registrasi/3#kecamatan');
  r = await p.step(3, { ...STEP3, desa: '' }, { aksi: 'wilayah' });
  r = await p.get('/registrasi/3');
  assert.match(r.body, /<option value="19.71.01.1007">Air Itam<\/option>/);
  // Changing the provinsi drops the regions below it.
  r = await p.step(3, { ...STEP3, provinsi: '16' }, { aksi: 'wilayah' });
  r = await p.get('/registrasi/3');
  assert.equal(selected(r.body, 'provinsi'), '16');
  assert.equal(selected(r.body, 'kabupaten'), '');
  assert.match(r.body, /<option value="16.03">Kabupaten Muara Enim<\/option>/);
  assert.doesNotMatch(r.body, /<option value="19.71.01.1007">/);
});

test('Prev keeps what was typed, without checking it; a reload shows the draft', async () => {
  const p = new Pemohon(srv.url);
  let r = await p.step(1, { ...STEP1, username: 'agus.salim', email: 'agus@example.com' });
  assert.equal(r.status, 303);
  r = await p.step(2, { ...STEP2, pekerjaan: 'Petani', no_identitas: '123' }, { aksi: 'prev' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/registrasi/1');
  r = await p.get(r.location);
  assert.equal(inputValue(r.body, 'username'), 'agus.salim');
  assert.equal(fieldError(r.body, 'username'), null);
  assert.match(r.body, /<p class="reg-pct" id="reg-pct"[^>]*><span class="reg-pct-n">\d+<\/span>% Proses Registrasi/);
  r = await p.get('/registrasi/2');
  assert.equal(r.status, 200);
  assert.equal(inputValue(r.body, 'pekerjaan'), 'Petani');
  assert.equal(inputValue(r.body, 'no_identitas'), '123');
  assert.equal(fieldError(r.body, 'no_identitas'), null, 'a step not passed yet shows no messages on a GET');
  r = await p.step(2, { ...STEP2 }, { file: { bytes: JPEG, type: 'image/jpeg', name: 'ktp.jpg' } });
  assert.equal(r.location, '/registrasi/3');
  r = await p.step(3, { ...STEP3, alamat: 'Jl. Mawar 5', kode_pos: '' }, { aksi: 'prev' });
  assert.equal(r.location, '/registrasi/2');
  r = await p.get('/registrasi/2');
  assert.match(r.body, /Berkas tersimpan: <strong>ktp.jpg<\/strong>/, 'the page says which file is kept');
  assert.doesNotMatch(r.body, /<input id="lampiran"[^>]* required/, 'the file is optional once one is kept');
  r = await p.get('/registrasi/3');
  assert.equal(inputValue(r.body, 'alamat'), 'Jl. Mawar 5');
  // Step 2 again without a new file keeps the scan.
  r = await p.step(2, { ...STEP2 });
  assert.equal(r.location, '/registrasi/3');
});

test('a new scan replaces the old one, whose file is deleted', async () => {
  const p = new Pemohon(srv.url);
  await p.throughStep2({ username: 'hendra.k', email: 'hendra@example.com' });
  const before = identityFiles();
  const r = await p.step(2, { ...STEP2 }, { file: { bytes: PDF, type: 'application/pdf', name: 'C:\\Users\\h\\ktp-baru.pdf' } });
  assert.equal(r.location, '/registrasi/3');
  const after = identityFiles();
  assert.equal(after.length, before.length, 'one replaced by one');
  const added = after.filter((n) => !before.includes(n));
  assert.equal(added.length, 1);
  assert.match(added[0], /\.pdf$/);
  const page = await p.get('/registrasi/2');
  assert.match(page.body, /Berkas tersimpan: <strong>ktp-baru.pdf<\/strong>/, 'no folder part from old browsers');
});

test('uploads are judged by their bytes: a program, text or an empty file is refused, nothing stored', async () => {
  const p = new Pemohon(srv.url);
  await p.step(1, { ...STEP1, username: 'tono.hacker', email: 'tono@example.com' });
  const before = identityFiles();
  for (const [file, message] of [
    [{ bytes: ELF, type: 'image/jpeg', name: 'ktp.jpg' }, 'Berkas bukan JPEG, PNG atau PDF yang sah.'],
    [{ bytes: Buffer.from('MZ' + 'x'.repeat(200)), type: 'image/jpeg', name: 'ktp.jpg' }, 'Berkas bukan JPEG, PNG atau PDF yang sah.'],
    [{ bytes: Buffer.from('Ini bukan gambar KTP.\n'), type: 'text/plain', name: 'ktp.txt' }, 'Berkas bukan JPEG, PNG atau PDF yang sah.'],
    [{ bytes: Buffer.from('<html><body>%PDF-1.4</body></html>'), type: 'application/pdf', name: 'ktp.pdf' }, 'Berkas bukan JPEG, PNG atau PDF yang sah.'],
    [{ bytes: Buffer.alloc(0), type: 'image/jpeg', name: 'kosong.jpg' }, null],
  ]) {
    const r = await p.step(2, { ...STEP2 }, { file });
    assert.equal(r.status, 400, file.name);
    const got = fieldError(r.body, 'lampiran');
    if (message) assert.equal(got, message, file.name);
    else assert.match(got, /^(Berkas kosong\.|Unggah salinan identitas)/);
    assert.equal(inputValue(r.body, 'pekerjaan'), STEP2.pekerjaan, 'other values kept');
    assert.deepEqual(identityFiles(), before, 'nothing stored');
    assert.deepEqual(await tmpFilesSettled(), [], 'the temporary file is gone');
  }
  const draftFile = sql("SELECT count(*) FROM registration_draft WHERE identity_file IS NOT NULL AND data LIKE '%tono.hacker%'");
  assert.equal(draftFile, '0');
});

test('an upload over the limit gets 413 and the server keeps serving', async () => {
  const p = new Pemohon(srv.url);
  await p.step(1, { ...STEP1, username: 'besar.sekali', email: 'besar@example.com' });
  // 6 MB: within the body limit, over the per-file limit (5 MB by default).
  let r = await p.step(2, { ...STEP2 }, { file: { bytes: Buffer.concat([JPEG, Buffer.alloc(6 << 20)]), type: 'image/jpeg', name: 'besar.jpg' } });
  assert.equal(r.status, 413);
  assert.match(r.body, /terlalu besar/i);
  // 50 MB announced: refused before it is read.
  const status = await new Promise((ok, fail) => {
    const boundary = 'xyzzy';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${p.token}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="lampiran"; filename="besar.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const size = 50 << 20;
    const rq = http.request(srv.url + '/registrasi/2', { method: 'POST', headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`, cookie: p.cookieHeader(),
      'content-length': head.length + size + tail.length } }, (res) => { res.resume(); ok(res.statusCode); });
    rq.on('error', () => ok(413));   // the server may close while we still write
    rq.write(head);
    const chunk = Buffer.alloc(1 << 20);
    let sent = 0;
    const pump = () => {
      while (sent < 50) { sent++; if (!rq.write(chunk)) { rq.once('drain', pump); return; } }
      rq.end(tail);
    };
    pump();
    setTimeout(() => fail(new Error('no answer')), 20000).unref();
  });
  assert.equal(status, 413);
  await stillServing();
  assert.deepEqual(await tmpFilesSettled(), []);
  r = await p.get('/registrasi/2');
  assert.equal(r.status, 200, 'the wizard goes on');
});

test('without the right CSRF token nothing changes', async () => {
  const p = new Pemohon(srv.url), other = new Pemohon(srv.url);
  await other.open();
  let r = await p.step(1, { ...STEP1, username: 'eko.prasetyo', email: 'eko@example.com' });
  assert.equal(r.status, 303);
  for (const csrf of [null, '', other.token, 'x'.repeat(43)]) {
    r = await p.step(1, { ...STEP1, username: 'diganti', email: 'eko@example.com' }, { csrf });
    assert.equal(r.status, 403, String(csrf));
    assert.match(r.body, /kedaluwarsa atau tidak sah/);
    r = await p.step(2, { ...STEP2 }, { csrf, file: { bytes: JPEG, type: 'image/jpeg', name: 'ktp.jpg' } });
    assert.equal(r.status, 403);
  }
  r = await p.get('/registrasi/1');
  assert.equal(inputValue(r.body, 'username'), 'eko.prasetyo', 'the draft is unchanged');
  assert.match((await p.get('/registrasi/3')).location || '', /\/registrasi\/2/, 'no scan was stored');
  // A visitor without any session cookie is refused too.
  const stranger = await fetch(srv.url + '/registrasi/1', { method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ ...STEP1, aksi: 'next', csrf: p.token }) });
  assert.equal(stranger.status, 403);
});

test('skipping ahead lands on the first incomplete step', async () => {
  const p = new Pemohon(srv.url);
  await p.open();
  let r = await p.get('/registrasi/3');
  assert.equal(r.status, 303);
  assert.equal(r.location, '/registrasi/1');
  r = await p.step(3, STEP3);
  assert.equal(r.status, 303);
  assert.equal(r.location, '/registrasi/1');
  r = await p.step(1, { ...STEP1, username: 'lompat.langkah', email: 'lompat@example.com' });
  r = await p.get('/registrasi/3');
  assert.equal(r.location, '/registrasi/2');
  r = await p.step(3, STEP3);
  assert.equal(r.location, '/registrasi/2');
  for (const path of ['/registrasi/4', '/registrasi/0', '/registrasi/x', '/registrasi/2x']) {
    assert.equal((await p.get(path)).status, 404, path);
  }
});

test('hostile strings are stored literally and shown escaped; overlong fields get a length message', async () => {
  const p = new Pemohon(srv.url);
  const evil = `<script>alert("x")</script> & ' "onmouseover=alert(1)`;
  await p.step(1, { ...STEP1, username: 'rudi.hartono', email: 'rudi@example.com' });
  let r = await p.step(2, { ...STEP2, pekerjaan: evil.slice(0, 50), tempat_lahir: 'Bandung' }, { aksi: 'prev' });
  r = await p.get('/registrasi/2');
  assert.ok(!r.body.includes('<script>alert'), 'never raw');
  assert.ok(r.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;') ||
    r.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;'), 'escaped in the value');
  r = await p.step(2, { ...STEP2, pekerjaan: evil.slice(0, 50) }, { file: { bytes: JPEG, type: 'image/jpeg', name: '<img src=x onerror=alert(1)>.jpg' } });
  assert.equal(r.status, 303, errors(r.body));
  r = await p.get('/registrasi/2');
  assert.ok(!r.body.includes('<img src=x'), 'the file name is escaped too');
  r = await p.step(3, { ...STEP3, alamat: evil });
  assert.match(r.body, /Registrasi Berhasil/, errors(r.body));
  assert.equal(sql("SELECT alamat FROM pemohon_profile p JOIN account a ON a.id = p.account_id WHERE a.username = 'rudi.hartono'"), evil);
  assert.equal(sql("SELECT pekerjaan FROM pemohon_profile p JOIN account a ON a.id = p.account_id WHERE a.username = 'rudi.hartono'"), evil.slice(0, 50));

  const q = new Pemohon(srv.url);
  const big = 'A'.repeat(10 * 1024);
  r = await q.step(1, { ...STEP1, nama: big, username: 'panjang', email: 'panjang@example.com' });
  assert.equal(r.status, 400);
  assert.equal(fieldError(r.body, 'nama'), 'Terlalu panjang: lihat batas panjang di petunjuk isian.');
  r = await q.step(1, { ...STEP1, username: big, email: big + '@example.com' });
  assert.equal(fieldError(r.body, 'username'), 'Terlalu panjang: lihat batas panjang di petunjuk isian.');
  assert.equal(fieldError(r.body, 'email'), 'Terlalu panjang: lihat batas panjang di petunjuk isian.');
  const stored = sql('SELECT max(length(data)) FROM registration_draft');
  assert.ok(Number(stored) < 4096, `the draft stays small (${stored} bytes)`);

  // Invalid UTF-8 never reaches the wizard.
  const raw = await fetch(srv.url + '/registrasi/1', { method: 'POST', redirect: 'manual',
    headers: { cookie: q.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.concat([Buffer.from(`csrf=${q.token}&aksi=next&nama=`), Buffer.from([0xff, 0xfe])]) });
  assert.equal(raw.status, 400);
});

test('two registrations racing for one username: exactly one account', async () => {
  const a = new Pemohon(srv.url), b = new Pemohon(srv.url);
  await a.throughStep2({ username: 'kembar', email: 'kembar1@example.com' });
  await b.throughStep2({ username: 'KEMBAR', email: 'kembar2@example.com' });
  const [ra, rb] = await Promise.all([a.step(3, STEP3), b.step(3, STEP3)]);
  const wins = [ra, rb].filter((r) => /Registrasi Berhasil/.test(r.body));
  const loses = [ra, rb].filter((r) => !/Registrasi Berhasil/.test(r.body));
  assert.equal(wins.length, 1, `one wins (${ra.status}, ${rb.status})`);
  assert.equal(loses.length, 1);
  assert.ok([400, 409].includes(loses[0].status), `the other is refused (${loses[0].status}): ${loses[0].body.slice(0, 2000)}`);
  assert.equal(fieldError(loses[0].body, 'username'), 'Username sudah dipakai.');
  assert.match(loses[0].body, /aria-current="step" class="current"><span class="reg-num" aria-hidden="true">1</, 'back on step 1');
  assert.equal(inputValue(loses[0].body, 'username'), 'kembar', 'values kept');
  assert.equal(sql("SELECT count(*) FROM account WHERE username_lower = 'kembar'"), '1');
  assert.equal(sql("SELECT count(*) FROM outbox WHERE to_addr IN ('kembar1@example.com', 'kembar2@example.com')"), '1',
    'one mail, for the registration that committed');
  // The loser's draft and scan stay, so a new username is all it takes.
  const loser = ra === loses[0] ? a : b;
  let r = await loser.step(1, { ...STEP1, username: 'kembar.dua', email: loser === a ? 'kembar1@example.com' : 'kembar2@example.com' });
  assert.equal(r.status, 303, errors(r.body));
  r = await loser.step(3, STEP3);
  assert.match(r.body, /Registrasi Berhasil/, errors(r.body));
  // And registering the same username again is refused.
  const late = new Pemohon(srv.url);
  r = await late.step(1, { ...STEP1, username: 'Kembar', email: 'kembar3@example.com' });
  assert.equal(fieldError(r.body, 'username'), 'Username sudah dipakai.');
});

test('pages stay small and work without JavaScript', async () => {
  const p = new Pemohon(srv.url);
  const r = await p.open();
  const css = (await (await fetch(srv.url + r.body.match(/<link rel="stylesheet" href="([^"]+)"/)[1])).text());
  assert.ok(Buffer.byteLength(r.body) + Buffer.byteLength(css) < 30 * 1024);
  assert.doesNotMatch(r.body, /<script>/, 'no inline script');
  const js = await fetch(srv.url + '/static/registrasi.js');
  assert.equal(js.status, 200);
  assert.match(js.headers.get('content-type'), /javascript/);
});

// A multipart body whose reads end just before a value: libmicrohttpd then announces the
// value (or the start of a file) with an empty call first.  http/form.c once recorded the
// field or the file twice, the empty one first, which lost the scan; kept as a regression
// test.
test('a multipart body split across reads keeps every field and the file (regression)', async () => {
  const p = new Pemohon(srv.url);
  await p.step(1, { ...STEP1, username: 'terpotong', email: 'terpotong@example.com' });
  const b = 'XXBOUNDARYXX';
  let head = '';
  for (const [k, v] of Object.entries({ csrf: p.token, aksi: 'next', ...STEP2 })) {
    head += `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  head += `--${b}\r\nContent-Disposition: form-data; name="lampiran"; filename="ktp.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), JPEG, Buffer.from(`\r\n--${b}--\r\n`)]);
  // Cut right after a one-letter value (jenis_kelamin "L") and right after the file's
  // first two bytes: every field and the whole file must still arrive.
  const cuts = [head.indexOf('name="jenis_kelamin"') + 'name="jenis_kelamin"\r\n\r\nL\r\n-'.length,
    Buffer.byteLength(head) + 2];
  for (const cut of cuts) {
    const status = await new Promise((ok, fail) => {
      const rq = http.request(srv.url + '/registrasi/2', { method: 'POST', headers: {
        cookie: p.cookieHeader(), 'content-type': `multipart/form-data; boundary=${b}`, 'transfer-encoding': 'chunked' } },
      (res) => { res.resume(); res.on('end', () => ok(res.statusCode)); });
      rq.on('error', fail);
      rq.write(body.subarray(0, cut));
      setTimeout(() => rq.end(body.subarray(cut)), 50);
    });
    assert.equal(status, 303, `cut at byte ${cut}`);
  }
  const page = await p.get('/registrasi/2');
  assert.equal(selected(page.body, 'jenis_kelamin'), 'L');
});
