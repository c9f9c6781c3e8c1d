// Tabs Permohonan and Izin, and tracking (SPEC 4.6, 4.9) against the real binary: the
// applicant's list with its filters and actions, the tracking page (step states, SLA due
// date, history) for the owner and for officers of the instansi only, and public tracking
// by number plus the Kode Lacak of the bukti pendaftaran — no personal data, one answer for
// every wrong pair, and guessing slowed down per client address and per number.
//
// Submitted applications are written straight into the database with its own client
// (sqlite3 / psql), so these tests do not depend on the new-application form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { activeApplicant, MUARA_ENIM } from '../lib/registrasi.mjs';

let srv, budi, sari;
const ids = {};
const BUDI = {
  step1: { username: 'budi.lacak', nama: 'Budi Pelacak', email: 'budi.lacak@example.com' },
  step2: { no_identitas: '1971011508900011' },
  step3: { hp: '0812-3456-7890', alamat: 'Jl. Merdeka Nomor 17' },
};
const SARI = {
  step1: { username: 'sari.lain', nama: 'Sari Lainnya', email: 'sari.lain@example.com' },
  step2: { no_identitas: '1971015508900012', jenis_kelamin: 'P' },
  step3: { hp: '0813-1111-2222' },
};
const NOMOR_1 = '503/001/SIP/DPMPTSP/2026';
const NOMOR_2 = '503/002/SIP/DPMPTSP/2026';
const NOMOR_SARI = '503/003/SIP/DPMPTSP/2026';

// Runs SQL with the database's own client; returns the output (one value per line).
const sql = (query) => srv.sql(query);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86400000;

// An application row; returns its id.
function insertPermohonan({ account, status, nomor = null, submitted = null, created = '2026-01-05T03:00:00Z', perusahaan = null }) {
  const cols = 'account_id, instansi_id, unit_id, jenis_izin_id, tipe_pemohon, perusahaan_id, lokasi_nama, lokasi_alamat, status, nomor, submitted_at, created_at';
  const vals = [account, ids.instansi, ids.unit, ids.izin, q(perusahaan ? 'perusahaan' : 'perorangan'), perusahaan ?? 'NULL',
    q('Praktik Dokter Budi'), q('Jl. Praktik No. 3'), q(status), nomor ? q(nomor) : 'NULL', submitted ? q(submitted) : 'NULL', q(created)].join(', ');
  return Number(sql(`INSERT INTO permohonan (${cols}) VALUES (${vals}) RETURNING id`));
}

function insertStep(p, position, name, role, status, { started = null, due = null, finished = null, by = null } = {}) {
  sql(`INSERT INTO permohonan_step (permohonan_id, position, name, role_key, kind, sla_days, status, started_at, due_at, finished_at, finished_by)
       VALUES (${p}, ${position}, ${q(name)}, ${q(role)}, 'verifikasi_berkas', 3, ${q(status)}, ${started ? q(started) : 'NULL'},
               ${due ? q(due) : 'NULL'}, ${finished ? q(finished) : 'NULL'}, ${by ?? 'NULL'})`);
}

function insertEvent(p, at, kind, { account = null, role = null, note = null } = {}) {
  sql(`INSERT INTO permohonan_event (permohonan_id, at, account_id, role_key, kind, note)
       VALUES (${p}, ${q(at)}, ${account ?? 'NULL'}, ${role ? q(role) : 'NULL'}, ${q(kind)}, ${note ? q(note) : 'NULL'})`);
}

async function officer(username) {
  const c = new Client(srv.url);
  assert.equal((await c.login(username, DEMO_PASSWORD)).status, 303, `${username} logs in`);
  return c;
}

// The <tr> of the list whose text contains `needle`.
const rowOf = (html, needle) => html.split('<tr>').find((tr) => tr.includes(needle));

before(async () => {
  // Behind a proxy on 127.0.0.1 (as nginx in production): its X-Forwarded-For names the client.
  srv = await startServer({ env: { LOKET_TRUSTED_PROXIES: '127.0.0.1' } });
  budi = await activeApplicant(srv, BUDI);
  sari = await activeApplicant(srv, SARI);
  ids.budi = Number(sql("SELECT id FROM account WHERE username = 'budi.lacak'"));
  ids.sari = Number(sql("SELECT id FROM account WHERE username = 'sari.lain'"));
  ids.instansi = Number(sql("SELECT id FROM instansi WHERE slug = 'kota-pangkalpinang'"));
  const izin = sql(`SELECT id || '|' || unit_id || '|' || name FROM jenis_izin WHERE instansi_id = ${ids.instansi} ORDER BY id LIMIT 1`).split('|');
  [ids.izin, ids.unit, ids.izinName] = [Number(izin[0]), Number(izin[1]), izin[2]];
  ids.verifikator = Number(sql("SELECT id FROM account WHERE username = 'verifikator.pangkalpinang'"));
});
after(async () => { await srv?.stop(); });

test('an applicant without applications sees the empty state, the Tambah button and the tabs', async () => {
  const page = await sari.get('/pemohon/profil');
  assert.equal(page.status, 200);
  assert.match(page.body, /Belum ada permohonan\. Klik Tambah/);
  assert.match(page.body, /<a class="btn" href="\/pemohon\/permohonan\/baru">Tambah<\/a>/);
  assert.match(page.body, /<a href="\/pemohon\/profil" aria-current="page">Permohonan<\/a>/);
  assert.match(page.body, /<details class="card profile" open>\s*<summary><strong>Profil Pemohon<\/strong> — Sari Lainnya/,
    'the profile stays, open while there are no applications');
  const izin = await sari.get('/pemohon/izin');
  assert.equal(izin.status, 200);
  assert.match(izin.body, /Belum ada izin yang terbit\./);
  assert.match(izin.body, /<a href="\/pemohon\/izin" aria-current="page">Izin<\/a>/);
  assert.equal((await new Client(srv.url).get('/pemohon/izin')).status, 303, 'log-in first');
});

test('the list: drafts and submitted applications, their actions and the filters', async () => {
  ids.perusahaan = Number(sql(`INSERT INTO perusahaan (account_id, nama, bentuk_usaha, alamat, provinsi_code, kabupaten_code, kecamatan_code, desa_code)
    VALUES (${ids.budi}, 'CV Maju Jaya', 'CV', 'Jl. Usaha 5', '19', '19.71', '19.71.01', '19.71.01.1007') RETURNING id`));
  ids.draft = insertPermohonan({ account: ids.budi, status: 'draft', created: '2026-01-05T03:00:00Z' });
  // 01.30 WIB on 10 March 2026 is still 9 March in UTC: the date filter must use WIB days.
  ids.p1 = insertPermohonan({ account: ids.budi, status: 'diproses', nomor: NOMOR_1, submitted: '2026-03-09T18:30:00Z', created: '2026-03-09T18:00:00Z' });
  ids.p2 = insertPermohonan({ account: ids.budi, status: 'diajukan', nomor: NOMOR_2, submitted: '2026-05-20T04:00:00Z', created: '2026-05-20T03:00:00Z', perusahaan: ids.perusahaan });
  ids.pSari = insertPermohonan({ account: ids.sari, status: 'diproses', nomor: NOMOR_SARI, submitted: '2026-04-01T04:00:00Z' });

  let page = await budi.get('/pemohon/profil');
  assert.equal(page.status, 200);
  assert.match(page.body, />3 permohonan</);
  assert.match(page.body, /<details class="card profile">/, 'the profile folds away once there are applications');
  assert.doesNotMatch(page.body, new RegExp(NOMOR_SARI), 'only one\'s own applications');
  const draft = rowOf(page.body, `/pemohon/permohonan/${ids.draft}"`);
  assert.ok(draft, 'the draft is listed');
  assert.match(draft, /\(belum bernomor\)/);
  assert.match(draft, />Draft</);
  assert.match(draft, />Lanjutkan</);
  assert.doesNotMatch(draft, /\/lacak|\/bukti/, 'a draft has nothing to track or print');
  const p1 = rowOf(page.body, NOMOR_1);
  assert.match(p1, />Diproses</);
  assert.match(p1, new RegExp(`href="/pemohon/permohonan/${ids.p1}/lacak">Lacak`));
  assert.match(p1, new RegExp(`href="/pemohon/permohonan/${ids.p1}/bukti">Bukti`));
  assert.match(p1, /10 Maret 2026/, 'the date in WIB');
  assert.doesNotMatch(p1, />Lanjutkan</);
  const p2 = rowOf(page.body, NOMOR_2);
  assert.match(p2, /CV Maju Jaya/);
  assert.match(p2, />Diajukan</);
  assert.ok(page.body.indexOf(NOMOR_2) < page.body.indexOf(NOMOR_1), 'newest first');
  assert.ok(page.body.includes(ids.izinName), 'jenis izin shown');

  // Text: company (any case), number, jenis izin; the value is kept in the form.
  page = await budi.get('/pemohon/profil?q=MAJU');
  assert.match(page.body, /value="MAJU"/);
  assert.match(page.body, />1 permohonan</);
  assert.ok(page.body.includes(NOMOR_2) && !page.body.includes(NOMOR_1));
  page = await budi.get('/pemohon/profil?q=' + encodeURIComponent('503/001'));
  assert.ok(page.body.includes(NOMOR_1) && !page.body.includes(NOMOR_2));
  page = await budi.get('/pemohon/profil?q=' + encodeURIComponent(ids.izinName.slice(0, 12).toLowerCase()));
  assert.match(page.body, />3 permohonan</);
  page = await budi.get('/pemohon/profil?q=%25');
  assert.match(page.body, /Tidak ada permohonan yang cocok/, '% is a character, not a wildcard');
  page = await budi.get('/pemohon/profil?q=tidak-ada-yang-begini');
  assert.match(page.body, /Tidak ada permohonan yang cocok dengan pencarian\./);
  assert.match(page.body, /Hapus filter/);

  // Dates: WIB calendar days, both ends inclusive, values kept.
  page = await budi.get('/pemohon/profil?dari=2026-03-10&sampai=2026-03-10');
  assert.match(page.body, /value="2026-03-10"/);
  assert.match(page.body, />1 permohonan</);
  assert.ok(page.body.includes(NOMOR_1));
  page = await budi.get('/pemohon/profil?dari=2026-05-01');
  assert.ok(page.body.includes(NOMOR_2) && !page.body.includes(NOMOR_1) && !page.body.includes('belum bernomor'));
  page = await budi.get('/pemohon/profil?sampai=2026-03-09');
  assert.match(page.body, />1 permohonan</);
  assert.match(page.body, /belum bernomor/, 'only the January draft');
  page = await budi.get('/pemohon/profil?q=maju&dari=2026-01-01&sampai=2026-12-31');
  assert.match(page.body, />1 permohonan</);
  page = await budi.get('/pemohon/profil?dari=kemarin');
  assert.equal(page.status, 200);
  assert.match(page.body, /id="dari"[^>]*aria-invalid="true"/);
  assert.match(page.body, /Tanggal tidak sah/);
  assert.match(page.body, /value="kemarin"/);
  assert.match(page.body, />3 permohonan</, 'a date that does not parse filters nothing');
});

test('the tracking page: finished, current (with its due date) and waiting steps, and the history', async () => {
  const now = Date.now();
  insertStep(ids.p1, 1, 'Verifikasi Berkas', 'verifikator', 'selesai',
    { started: '2026-03-09T18:30:00Z', due: '2026-03-13T16:59:59Z', finished: '2026-03-11T03:00:00Z', by: ids.verifikator });
  insertStep(ids.p1, 2, 'Tinjau Lapangan', 'tim_teknis', 'berjalan', { started: '2026-03-11T03:00:00Z', due: iso(now + 40 * DAY) });
  insertStep(ids.p1, 3, 'Tanda Tangan Izin', 'penandatangan', 'menunggu');
  insertEvent(ids.p1, '2026-03-09T18:30:00Z', 'diajukan', { account: ids.budi });
  insertEvent(ids.p1, '2026-03-11T03:00:00Z', 'diteruskan', { account: ids.verifikator, role: 'verifikator', note: 'Berkas lengkap dan sesuai.' });
  insertStep(ids.p2, 1, 'Verifikasi Berkas', 'verifikator', 'berjalan', { started: '2026-05-20T04:00:00Z', due: '2026-05-25T16:59:59Z' });

  const r = await budi.get(`/pemohon/permohonan/${ids.p1}/lacak`);
  assert.equal(r.status, 200);
  const html = r.body;
  assert.match(html, new RegExp(NOMOR_1));
  assert.ok(html.includes(ids.izinName));
  assert.match(html, /<ol class="track">/, 'an ordered list');
  const items = html.split('<li class="step-').slice(1);
  assert.equal(items.length, 3);
  assert.match(items[0], /^done"/);
  assert.match(items[0], /Verifikasi Berkas/);
  assert.match(items[0], /class="track-state">Selesai</);
  assert.match(items[0], /✓/);
  assert.match(items[0], /Selesai pada 11 Maret 2026 pukul 10\.00 WIB oleh Verifikator/);
  assert.match(items[1], /^current" aria-current="step"/);
  assert.match(items[1], /class="track-state">Sedang diproses</);
  const due = new Date(now + 40 * DAY + 7 * 3600000);
  const bulan = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  assert.match(items[1], new RegExp(`Batas waktu: ${due.getUTCDate()} ${bulan[due.getUTCMonth()]} ${due.getUTCFullYear()}`));
  assert.match(items[1], /Tepat waktu, sisa \d+ hari kerja/);
  assert.match(items[2], /^waiting"/);
  assert.match(items[2], /class="track-state">Menunggu</);
  assert.doesNotMatch(items[2], /aria-current/);
  // History: when, who (the role, never an officer's name), what, note.
  assert.match(html, /<td data-label="Waktu">10 Maret 2026 pukul 01\.30 WIB<\/td><td data-label="Oleh">Pemohon<\/td><td data-label="Kegiatan">Permohonan diajukan<\/td>/);
  assert.match(html, /<td data-label="Oleh">Verifikator<\/td><td data-label="Kegiatan">Tahap selesai, diteruskan<\/td><td data-label="Catatan">Berkas lengkap dan sesuai\.<\/td>/);
  assert.doesNotMatch(html, /Verifikator Pangkalpinang|verifikator\.pangkalpinang/i);
  assert.match(html, new RegExp(`href="/pemohon/permohonan/${ids.p1}/bukti"`));

  const late = await budi.get(`/pemohon/permohonan/${ids.p2}/lacak`);
  assert.equal(late.status, 200);
  assert.match(late.body, /Batas waktu: 25 Mei 2026/);
  assert.match(late.body, /class="sla-late">Terlambat \d+ hari kerja</);
  assert.match(late.body, /Belum ada riwayat\./);
});

test('tracking is for the owner and the officers of its instansi only', async () => {
  const path = `/pemohon/permohonan/${ids.p1}/lacak`;
  assert.equal((await sari.get(path)).status, 404, 'another applicant\'s application reads as missing');
  assert.equal((await budi.get(`/pemohon/permohonan/${ids.pSari}/lacak`)).status, 404);
  assert.equal((await budi.get(`/pemohon/permohonan/${ids.draft}/lacak`)).status, 404, 'a draft has no tracking');
  assert.equal((await budi.get('/pemohon/permohonan/999999/lacak')).status, 404);
  assert.equal((await budi.get('/pemohon/permohonan/abc/lacak')).status, 404);
  assert.equal((await new Client(srv.url).get(path)).status, 303, 'log-in first');

  const fo = await officer('fo.pangkalpinang');
  const seen = await fo.get(`/petugas/permohonan/${ids.p1}/lacak`);
  assert.equal(seen.status, 200);
  assert.match(seen.body, /Tinjau Lapangan/);
  assert.match(seen.body, /Berkas lengkap dan sesuai\./);
  assert.equal((await fo.get(path)).status, 403, 'the applicant\'s address is for applicants');
  const other = await officer('fo.muaraenim');
  assert.equal((await other.get(`/petugas/permohonan/${ids.p1}/lacak`)).status, 404, 'another instansi reads as missing');
  assert.equal((await budi.get(`/petugas/permohonan/${ids.p1}/lacak`)).status, 403);
  void MUARA_ENIM;
});

// The Kode Lacak its owner sees on the tracking page.
async function kodeOf(owner, id) {
  const page = await owner.get(`/pemohon/permohonan/${id}/lacak`);
  const m = page.body.match(/<dt>Kode Lacak<\/dt><dd><strong>([2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5})<\/strong>/);
  assert.ok(m, 'the owner\'s tracking page shows the code');
  return m[1];
}

// Public tracking through the form: number and code in the body.  The form carries no
// token (its page is cached the same for everyone); a browser posting from this site says
// so with Sec-Fetch-Site, as a browser posting from another site says that instead.
const SAME_SITE = { 'sec-fetch-site': 'same-origin' };
async function track(c, nomor, kode) {
  return c.post('/lacak', { nomor, kode }, SAME_SITE);
}

// A code that is not `kode` (same alphabet and length), the n-th of many.
const otherCode = (kode, n) => {
  const A = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let s = '';
  for (let i = 0, x = n + 1; i < 10; i++, x = Math.floor(x / 32)) s += A[x % 32];
  return s === kode.replace('-', '') ? otherCode(kode, n + 100000) : s;
};

test('public tracking: number and Kode Lacak show step statuses only, a wrong pair says one thing', async () => {
  const home = await new Client(srv.url).get('/');
  assert.match(home.body, /<form action="\/lacak" method="post">/, 'the code goes in the body, not the address');
  assert.match(home.body, /<label for="lacak-kode">Kode Lacak<\/label>/);
  assert.doesNotMatch(home.body, /name="csrf"/, 'Home stays one cached page for every visitor');

  const kode1 = await kodeOf(budi, ids.p1);
  const kodeSari = await kodeOf(sari, ids.pSari);
  assert.notEqual(kode1, kodeSari);
  assert.equal(await kodeOf(budi, ids.p1), kode1, 'the same code every time');

  const visitor = new Client(srv.url);
  let r = await visitor.get('/lacak');
  assert.equal(r.status, 200);
  assert.match(r.body, /<label for="nomor">No\. Permohonan<\/label>/);
  assert.match(r.body, /<label for="kode">Kode Lacak<\/label>/);
  assert.match(r.body, /belum memuat Kode Lacak\? Log In lalu buka Lacak/, 'older receipts: how to get a code');
  r = await visitor.get('/lacak?nomor=' + encodeURIComponent(NOMOR_1));
  assert.equal(r.status, 200, 'the receipt\'s QR code opens the form with the number filled in');
  assert.ok(r.body.includes(`value="${NOMOR_1}"`));
  assert.doesNotMatch(r.body, /track-state/);
  r = await visitor.get(`/lacak?nomor=${encodeURIComponent(NOMOR_1)}&kode=${kode1}`);
  assert.doesNotMatch(r.body, /track-state/, 'a code in the address opens nothing');

  r = await track(visitor, NOMOR_1, kode1);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control'), /no-store/, 'not kept by shared caches or the back button');
  assert.match(r.body, /class="track-state">Selesai</);
  assert.match(r.body, /class="track-state">Sedang diproses</);
  assert.match(r.body, /class="track-state">Menunggu</);
  assert.match(r.body, /Tinjau Lapangan/);
  assert.match(r.body, /Diproses/);
  for (const secret of ['Budi Pelacak', 'budi.lacak', '1971011508900011', '6281234567890', '0812', '3456-7890',
    'Jl. Merdeka Nomor 17', 'CV Maju Jaya', 'Praktik Dokter Budi', 'Berkas lengkap dan sesuai', kode1]) {
    assert.ok(!r.body.includes(secret), `no personal data in the public page: ${secret}`);
  }
  // Typed the way people type: lower case, spaces, no hyphen.
  const loose = kode1.toLowerCase().replace('-', ' ');
  assert.equal((await track(visitor, NOMOR_1, loose)).status, 200);
  assert.equal((await track(visitor, NOMOR_1, kode1.replace('-', ''))).status, 200);

  const wrong = await track(visitor, NOMOR_1, otherCode(kode1, 1));
  const unknown = await track(visitor, '503/999/SIP/DPMPTSP/2026', kode1);
  const someoneElse = await track(visitor, NOMOR_SARI, kode1);
  const crossed = await track(visitor, NOMOR_1, kodeSari);
  for (const x of [wrong, unknown, someoneElse, crossed]) {
    assert.equal(x.status, 404);
    assert.match(x.body, /Nomor permohonan dan Kode Lacak tidak cocok\./);
    assert.doesNotMatch(x.body, /track-state/);
  }
  const strip = (s) => s.replace(/value="[^"]*"/g, '');
  assert.equal(strip(wrong.body), strip(unknown.body), 'a wrong pair and an unknown number look the same');

  for (const bad of ['7890', 'ABCDE-FGHI0', 'ABCDEFGHJKM', '<script>', '']) {
    const x = await track(visitor, NOMOR_1, bad);
    assert.equal(x.status, 400, `refused as malformed: ${bad}`);
    assert.match(x.body, /Kode Lacak terdiri dari 10 huruf dan angka/);
    assert.match(x.body, /id="kode"[^>]*aria-invalid="true"/);
    assert.doesNotMatch(x.body, /<script>/);
  }
  const noNumber = await track(visitor, '', kode1);
  assert.equal(noNumber.status, 400);
  assert.match(noNumber.body, /Isi No\. Permohonan/);
  assert.doesNotMatch((await visitor.get('/lacak')).body, /name="csrf"/, 'the same page for every visitor');
  for (const cross of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://penipu.example' }]) {
    const forged = await visitor.post('/lacak', { nomor: NOMOR_1, kode: kode1 }, cross);
    assert.equal(forged.status, 403, `a post from another site is refused: ${JSON.stringify(cross)}`);
  }
  assert.equal((await visitor.post('/lacak', { nomor: NOMOR_1, kode: kode1 }, { origin: srv.url })).status, 200, 'this site\'s own Origin');
  assert.equal((await track(visitor, NOMOR_SARI, kodeSari)).status, 200, 'Sari\'s own pair');
});

test('guessing is slowed down per application number, whoever asks: 429 with Retry-After, growing', async () => {
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
  const kode1 = await kodeOf(budi, ids.p1);
  const kodeSari = await kodeOf(sari, ids.pSari);
  const v = new Client(srv.url, { from: '127.0.5.1' });
  const guess = (kode, c = v) => track(c, NOMOR_1, kode);
  for (let i = 0; i < 3; i++) assert.equal((await guess(otherCode(kode1, 1000 + i))).status, 404, `free guess ${i + 1}`);
  let r = await guess(otherCode(kode1, 2000));
  assert.equal(r.status, 429);
  const first = Number(r.headers.get('retry-after'));
  assert.ok(first >= 1, 'Retry-After in seconds');
  assert.match(r.body, /Terlalu banyak percobaan yang gagal/);
  assert.equal((await guess(kode1)).status, 429, 'even the right pair waits');
  // Another address waits for that number too, but not for another number.
  const elsewhere = new Client(srv.url, { from: '127.0.5.2' });
  assert.equal((await guess(kode1, elsewhere)).status, 429, 'the number waits whoever asks');
  assert.equal((await track(elsewhere, NOMOR_SARI, kodeSari)).status, 200);
  // The log-in throttle of the same address is a separate count.
  assert.equal((await budi.get('/pemohon/profil')).status, 200);

  await new Promise((ok) => setTimeout(ok, first * 1000 + 200));
  assert.equal((await guess(kode1)).status, 200, 'after the wait the right pair works');
  assert.equal((await guess(otherCode(kode1, 3000))).status, 404);
  r = await guess(otherCode(kode1, 3001));
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) > first, 'the delay grows');
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
});

test('guesses spread over many addresses get only a few tries at one number', async () => {
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
  const kode1 = await kodeOf(budi, ids.p1);
  const answers = [];
  for (let i = 0; i < 99; i++) {
    const c = new Client(srv.url, { from: `127.0.6.${i + 1}` });
    answers.push((await track(c, NOMOR_1, otherCode(kode1, 5000 + i))).status);
  }
  // Three are free, then the number waits 2, 4, 8 s… (a slow machine may fit one more in
  // a wait that ran out); the tenth wrong code would lock it for a day.
  const checked = answers.filter((s) => s === 404).length;
  assert.ok(checked >= 3 && checked <= 5, `${checked} wrong codes were checked, whoever asked`);
  assert.equal(answers.filter((s) => s === 429).length, 99 - checked);
  // The right code from a new address still waits until the number's delay is over: sent
  // right after a wrong guess was told to wait (on a slow machine the 99 guesses can
  // outlast a delay, and then the next wrong code is checked and starts a longer one).
  let waiting = await track(new Client(srv.url, { from: '127.0.6.198' }), NOMOR_1, otherCode(kode1, 6000));
  if (waiting.status === 404) waiting = await track(new Client(srv.url, { from: '127.0.6.199' }), NOMOR_1, otherCode(kode1, 6001));
  assert.equal(waiting.status, 429);
  const late = await track(new Client(srv.url, { from: '127.0.6.200' }), NOMOR_1, kode1);
  assert.equal(late.status, 429);
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
  assert.equal((await track(new Client(srv.url, { from: '127.0.6.201' }), NOMOR_1, kode1)).status, 200,
    'and opens it once the wait is over');
});

test('guesses through a trusted proxy, each from another X-Forwarded-For address, get no more tries at one number', async () => {
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
  const kode1 = await kodeOf(budi, ids.p1);
  const proxy = new Client(srv.url);   // 127.0.0.1, the trusted proxy
  const answers = [];
  for (let i = 0; i < 60; i++) {
    const xff = { 'x-forwarded-for': `198.51.100.${i + 1}` };
    answers.push((await proxy.post('/lacak', { nomor: NOMOR_1, kode: otherCode(kode1, 7000 + i) }, { ...xff, ...SAME_SITE })).status);
  }
  const checked = answers.filter((st) => st === 404).length;
  assert.ok(checked >= 3 && checked <= 5, `${checked} wrong codes were checked over 60 forwarded addresses`);
  assert.equal(answers.filter((st) => st === 429).length, 60 - checked);
  // Each forwarded address was counted as its own client: the per-address rule did not
  // stop them (10 free each), the per-number rule did.
  assert.equal(Number(sql("SELECT COUNT(*) FROM login_throttle WHERE client LIKE 'lacak:ip:%'")) >= checked, true);
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
  // A client that is not a trusted proxy cannot pick its address by the header.
  const forger = new Client(srv.url, { from: '127.0.11.1' });
  for (let i = 0; i < 10; i++) {
    const nomor = `503/9${i}/SIP/DPMPTSP/2026`;   // a number each: only the address limit applies
    const x = await forger.post('/lacak', { nomor, kode: otherCode(kode1, 8000 + i) }, { 'x-forwarded-for': `203.0.113.${i + 1}` });
    assert.equal(x.status, 404, `wrong code ${i + 1} is checked`);
  }
  const r = await forger.post('/lacak', { nomor: NOMOR_SARI, kode: await kodeOf(sari, ids.pSari) },
    { 'x-forwarded-for': '203.0.113.99' });
  assert.equal(r.status, 429, 'after 10 wrong codes its own address waits, whatever the header says');
  sql("DELETE FROM login_throttle WHERE client LIKE 'lacak:%'");
});
