// Admin Instansi's holiday calendar (SPEC 3, 5.8; issue 7 item 8) against the real binary,
// on SQLite or PostgreSQL: national holidays and cuti bersama shown read-only, local
// holidays added and removed, bad dates refused, another instansi's rows untouchable, and
// an SLA due date computed after a change moving with it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { officer, submitForm, summary, submitSip } from '../lib/admin.mjs';

let srv, admin;
before(async () => {
  srv = await startServer({ smtp: true });
  admin = await officer(srv);
});
after(async () => { await srv?.stop(); });

const sql = (q) => srv.sql(q);
const LIBUR = '/petugas/admin/libur';
const own = () => Number(sql(`SELECT count(*) FROM hari_libur h JOIN instansi i ON i.id = h.instansi_id WHERE i.slug = 'kota-pangkalpinang'`));

async function add(tanggal, nama) {
  const page = (await admin.get(`${LIBUR}?tahun=2026`)).body;
  return submitForm(admin, page, LIBUR, { tanggal, nama });
}

test('national holidays and cuti bersama are shown read-only; only Admin Instansi opens the page', async () => {
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await fo.get(LIBUR)).status, 403);
  const page = (await admin.get(`${LIBUR}?tahun=2026`)).body;
  assert.match(page, /<h1>Hari Libur 2026<\/h1>/);
  assert.match(page, /Senin, 16 Februari 2026<\/time><\/td><td data-label="Nama">Cuti Bersama Tahun Baru Imlek<\/td><td data-label="Jenis">Cuti bersama<\/td><td><span class="muted">Tetap/);
  assert.match(page, /Hari Kemerdekaan Republik Indonesia<\/td><td data-label="Jenis">Libur nasional/);
  assert.doesNotMatch(page, /\/hapus"/, 'nothing to remove yet');
  assert.match((await admin.get(`${LIBUR}?tahun=abc`)).body, /<h1>Hari Libur \d{4}<\/h1>/, 'a bad year falls back to this year');
});

test('a local holiday is added and removed, each audited', async () => {
  let r = await add('2026-11-10', 'Hari Jadi Kota Pangkalpinang');
  assert.equal(r.status, 303);
  let page = (await admin.get(r.location)).body;
  assert.match(page, /Hari libur ditambahkan/);
  assert.match(page, /Selasa, 10 November 2026<\/time><\/td><td data-label="Nama">Hari Jadi Kota Pangkalpinang<\/td><td data-label="Jenis">Libur daerah/);
  const id = Number(sql(`SELECT id FROM hari_libur WHERE nama = 'Hari Jadi Kota Pangkalpinang'`));
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'libur.tambah' AND object_id = ${id}`), '1');
  r = await submitForm(admin, page, `${LIBUR}/${id}/hapus`);
  assert.equal(r.status, 303);
  assert.match((await admin.get(r.location)).body, /Hari libur dihapus/);
  assert.equal(sql(`SELECT count(*) FROM hari_libur WHERE id = ${id}`), '0');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'libur.hapus' AND object_id = ${id}`), '1');
  r = await submitForm(admin, page, `${LIBUR}/${id}/hapus`);
  assert.equal(r.status, 404, 'removing twice');
  assert.match(r.body, /Mungkin sudah dihapus/);
});

test('bad dates and names are refused with a message, nothing added', async () => {
  const before = own();
  const cases = [
    ['2026-11-14', 'Sabtu', /hari Sabtu atau Minggu/],
    ['2026-02-30', 'Tidak ada', /Tanggal tidak sah/],
    ['1999-03-01', 'Terlalu lama', /Tanggal tidak sah/],
    ['10/11/2026', 'Format lain', /Tanggal tidak sah/],
    ['', 'Tanpa tanggal', /Tanggal wajib diisi/],
    ['2026-12-25', 'Natal lagi', /sudah tercatat sebagai hari libur/],
    ['2026-11-11', '', /Nama hari libur wajib diisi/],
    ['2026-11-11', 'x'.repeat(201), /Nama hari libur/],
  ];
  for (const [tanggal, nama, msg] of cases) {
    const r = await add(tanggal, nama);
    assert.equal(r.status, 400, `${tanggal} ${nama.slice(0, 20)}`);
    assert.match(summary(r.body).join(' '), msg, tanggal);
  }
  const r = await add('2026-11-12', 'Dua kali');
  assert.equal(r.status, 303);
  assert.equal((await add('2026-11-12', 'Dua kali')).status, 400, 'a duplicate local holiday');
  assert.equal(own(), before + 1);
});

test('national holidays and another instansi’s holidays cannot be removed', async () => {
  const national = Number(sql(`SELECT id FROM hari_libur WHERE instansi_id IS NULL AND tanggal = '2026-08-17'`));
  sql(`INSERT INTO hari_libur (instansi_id, tanggal, nama) SELECT id, '2026-11-13', 'Hari Jadi Muara Enim' FROM instansi WHERE slug = 'kabupaten-muara-enim'`);
  const other = Number(sql(`SELECT id FROM hari_libur WHERE nama = 'Hari Jadi Muara Enim'`));
  const page = (await admin.get(`${LIBUR}?tahun=2026`)).body;
  assert.doesNotMatch(page, /Hari Jadi Muara Enim/, 'not shown to another instansi');
  const csrf = page.match(/name="csrf" value="([^"]+)"/)[1];
  let r = await admin.post(`${LIBUR}/${national}/hapus`, { csrf });
  assert.equal(r.status, 403);
  assert.match(r.body, /tidak dapat dihapus oleh instansi/);
  r = await admin.post(`${LIBUR}/${other}/hapus`, { csrf });
  assert.equal(r.status, 404);
  r = await admin.post(`${LIBUR}/${other}/hapus`, {});
  assert.equal(r.status, 403, 'no CSRF token');
  assert.equal(sql(`SELECT count(*) FROM hari_libur WHERE id IN (${national}, ${other})`), '2');
});

// The WIB calendar date of a stored moment.
const wibDate = (iso) => new Date(Date.parse(iso) + 7 * 3600000).toISOString().slice(0, 10);
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const longDate = (ymd) => { const [y, m, d] = ymd.split('-').map(Number); return `${d} ${BULAN[m - 1]} ${y}`; };

test('a holiday added moves the SLA due date of applications submitted after it', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'budi.libur', nama: 'Budi Libur', email: 'budi.libur@example.com' },
    step2: { no_identitas: '1971011508900041' } });
  const dueOf = (id) => sql(`SELECT due_at FROM permohonan_step WHERE permohonan_id = ${id} AND status = 'berjalan'`);
  const a = await submitSip(budi);
  const dayA = wibDate(dueOf(a.id));
  assert.match((await budi.get(`/pemohon/permohonan/${a.id}/lacak`)).body, new RegExp(`Batas waktu: ${longDate(dayA)}`));

  // The due day of A becomes a local holiday: the next application is due a working day later.
  let r = await add(dayA, 'Libur daerah mendadak');
  assert.equal(r.status, 303, summary(r.body || '').join(' '));
  const b = await submitSip(budi);
  const dayB = wibDate(dueOf(b.id));
  assert.ok(dayB > dayA, `due ${dayB} after the new holiday ${dayA}`);
  assert.match((await budi.get(`/pemohon/permohonan/${b.id}/lacak`)).body, new RegExp(`Batas waktu: ${longDate(dayB)}`));
  assert.equal(wibDate(dueOf(a.id)), dayA, 'an application already running keeps its due date');

  const id = Number(sql(`SELECT id FROM hari_libur WHERE nama = 'Libur daerah mendadak'`));
  r = await submitForm(admin, (await admin.get(`${LIBUR}?tahun=${dayA.slice(0, 4)}`)).body, `${LIBUR}/${id}/hapus`);
  assert.equal(r.status, 303);
  const c = await submitSip(budi);
  assert.equal(wibDate(dueOf(c.id)), dayA, 'removed: due as before');
});

test('the audit chain verifies', () => {
  const r = loket(['audit', 'verify'], srv.env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /audit chain OK/);
});
