// The authorization matrix (issue 7), generated from the route table: `loket routes --json`
// lists every address with its access rule (web/routes.c), so routes added later are
// covered without being listed here.  Every non-public route is called as a visitor, as an
// applicant, as another applicant, and as each demo officer role of both demo offices,
// with the ids of objects of Kota Pangkalpinang and its applicant; each call must be
// allowed exactly where the rule says, and refused elsewhere — the log-in redirect, 403,
// or 404 for another's object — with nothing changed in the database.
//
// "Allowed": a GET answers neither 401/403/404 nor the log-in redirect; a POST sent with a
// wrong CSRF token reaches the handler's CSRF check (so nothing happens).  Refused POSTs are
// sent with a valid token, so a missing check would really act and be caught.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, LOKET, loket } from '../lib/harness.mjs';
import { Client } from '../lib/client.mjs';
import { officer, registerWalkIn, printSheet } from '../lib/loket.mjs';
import { chooseSip, uploadAll, ticks, saveAll, buat, csrfOf, SIP_TEKNIS, LOKASI } from '../lib/permohonan.mjs';

const ROLES = { admin: 'admin_instansi', fo: 'front_office', verifikator: 'verifikator', teknis: 'tim_teknis',
  bendahara: 'bendahara', kadis: 'penandatangan', penyerahan: 'penyerahan' };
const OWN = 'pangkalpinang', OTHER = 'muaraenim';
const CSRF_REFUSED = /Formulir sudah kedaluwarsa/;

let srv, routes, ids, people;
before(async () => {
  srv = await startServer({ smtp: true });
  routes = JSON.parse(execFileSync(LOKET, ['routes', '--json'], { encoding: 'utf8' }));
  people = { anon: { client: new Client(srv.url), kind: 'anon' } };
  for (const office of [OWN, OTHER])
    for (const [prefix, role] of Object.entries(ROLES))
      people[`${prefix}.${office}`] = { client: await officer(srv.url, `${prefix}.${office}`), kind: 'petugas', role, own: office === OWN };

  // Two walk-in applicants of the own office; the first gets an application, documents
  // and a company.
  const fo = people[`fo.${OWN}`].client;
  const applicant = async (who, fields) => {
    const { path, id } = await registerWalkIn(fo, fields);
    const text = pdfText((await printSheet(fo, path)).bytes);
    const c = new Client(srv.url);
    await c.login(fields.username, text.match(/Password sementara\s+(\S+)/)[1]);
    const old = text.match(/Password sementara\s+(\S+)/)[1];
    const csrf = csrfOf((await c.get('/akun/password')).body);
    const r = await c.post('/akun/password', { csrf, password_lama: old, password_baru: 'Matriks-Uji-2026!', password_ulang: 'Matriks-Uji-2026!' });
    assert.equal(r.status, 303, `${who} changed the password`);
    people[who] = { client: c, kind: 'pemohon', id };
    return { path, id };
  };
  const p = await applicant('pemohon', { username: 'matriks.satu', nama: 'Matriks Satu', email: 'm1@example.com', no_identitas: '1971012001800011', tanggal_lahir: '1980-01-20' });
  await applicant('pemohon.lain', { username: 'matriks.dua', nama: 'Matriks Dua', email: 'm2@example.com', no_identitas: '1971012101800012', tanggal_lahir: '1980-01-21' });
  const csrf = csrfOf((await fo.get(p.path)).body);
  const draft = (await fo.post(`${p.path}/permohonan`, { csrf })).location;
  const chosen = await chooseSip(fo, draft);
  const docs = await uploadAll(fo, draft);
  await saveAll(fo, draft, { ...chosen, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...ticks((await fo.get(draft)).body, docs) });
  assert.equal((await buat(fo, draft)).status, 200, 'the fixture application is submitted');
  const pc = people.pemohon.client;
  const pcsrf = csrfOf((await pc.get('/pemohon/perusahaan/baru')).body);
  const co = await pc.post('/pemohon/perusahaan/baru', { csrf: pcsrf, aksi: 'simpan', nama: 'PT Matriks', bentuk_usaha: 'PT',
    nib: '9120001234568', npwp: '01.234.567.8-901.001', alamat: 'Jl. Mentok No. 6', provinsi: '19', kabupaten: '19.71',
    kecamatan: '19.71.01', desa: '19.71.01.1007', telepon: '0717 436772', email: 'info@matriks.co.id' });
  assert.equal(co.status, 303, 'the fixture company is saved');
  const one = (q) => { const v = srv.sql(q).split('\n')[0]; assert.ok(v, `a fixture for: ${q}`); return v; };
  // The object tables a rule may name, and an id of the own office / its applicant.
  // A table not listed falls back to its first row of the own instansi (instansi_id), so a
  // route added later needs a fixture here only when its table has no instansi_id.
  ids = {
    pemohon: String(p.id),
    permohonan: one(`SELECT id FROM permohonan WHERE account_id = ${p.id} AND nomor IS NOT NULL`),
    dokumen: one(`SELECT id FROM dokumen WHERE account_id = ${p.id} ORDER BY id`),
    perusahaan: one(`SELECT id FROM perusahaan WHERE account_id = ${p.id}`),
  };
  // Admin Instansi's pages: an officer of the office, and one of its own holidays.
  ids['account:/petugas/admin/petugas'] = one(`SELECT a.id FROM account a JOIN instansi i ON i.id = a.instansi_id
    WHERE i.slug = 'kota-pangkalpinang' AND a.kind = 'petugas' AND a.username LIKE 'verifikator.%'`);
  srv.sql(`INSERT INTO hari_libur (instansi_id, tanggal, nama) SELECT id, '2027-03-03', 'Hari Jadi Kota'
    FROM instansi WHERE slug = 'kota-pangkalpinang'`);
  ids.hari_libur = one(`SELECT h.id FROM hari_libur h JOIN instansi i ON i.id = h.instansi_id WHERE i.slug = 'kota-pangkalpinang'`);
  // A complaint (Keluhan) of the applicant to the own office.
  // Its attachment is the file of the applicant's first document (one stored file).
  srv.sql(`INSERT INTO keluhan (instansi_id, account_id, nama, email, kategori, isi, status, lampiran_storage, lampiran_name,
    lampiran_type, lampiran_size, lampiran_sha256, created_at, updated_at)
    SELECT i.id, ${p.id}, 'Matriks Satu', 'm1@example.com', 'pelayanan', 'Antrean di loket terlalu lama.', 'baru',
    d.storage_name, 'lampiran.pdf', d.content_type, d.size, d.sha256, '2026-12-01T02:00:00Z', '2026-12-01T02:00:00Z'
    FROM instansi i, dokumen d WHERE i.slug = 'kota-pangkalpinang' AND d.id = ${ids.dokumen}`);
  ids.keluhan = one(`SELECT id FROM keluhan WHERE account_id = ${p.id}`);
  // A confirmed SKRD of the fixture application with the applicant's proof of payment (the
  // same document), for the Bendahara's proof page.
  srv.sql(`INSERT INTO retribusi (permohonan_id, instansi_id, tarif_id, status, total, nomor_skrd, kode_bayar, jatuh_tempo,
    assessed_at, confirmed_at, bukti_dokumen_id, bukti_at)
    SELECT p.id, p.instansi_id, (SELECT min(id) FROM tarif), 'ditetapkan', 150000, 'SKRD/MATRIKS', '1971260000000017',
    '2026-12-31', '2026-12-01T02:00:00Z', '2026-12-01T02:00:00Z', ${ids.dokumen}, '2026-12-01T03:00:00Z'
    FROM permohonan p WHERE p.id = ${ids.permohonan}`);
  // The counter's draft pages take only drafts entered at the counter.
  ids['permohonan:/petugas/loket/permohonan'] = one(`SELECT id FROM permohonan WHERE account_id = ${p.id} AND entered_by IS NOT NULL ORDER BY id DESC`);
  // Tab Izin's pages and Cabut: the fixture application's permit (signed with a key made
  // for it; the test offices start without keys).
  for (const args of [['keys', 'create', '--instansi', 'kota-pangkalpinang'],
    ['izin', 'terbit', one(`SELECT nomor FROM permohonan WHERE id = ${ids.permohonan}`), '--penandatangan', 'kadis.pangkalpinang']]) {
    const r = loket(args, srv.env);
    assert.equal(r.status, 0, `loket ${args.join(' ')}: ${r.stderr}`);
  }
  ids.izin = one(`SELECT id FROM izin WHERE account_id = ${p.id}`);
});
after(async () => { await srv?.stop(); });

function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'loket-pdf-'));
  writeFileSync(join(dir, 'a.pdf'), bytes);
  return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
}

function idFor(route) {
  const special = Object.keys(ids).find((k) => k.startsWith(route.object + ':') && route.path.startsWith(k.split(':')[1]));
  if (special) return ids[special];
  if (ids[route.object]) return ids[route.object];
  let v = '';
  try {
    v = srv.sql(`SELECT min(id) FROM ${route.object} WHERE instansi_id = (SELECT id FROM instansi WHERE slug = 'kota-pangkalpinang')`);
  } catch { /* no such table or no instansi_id column */ }
  assert.ok(v, `a fixture id of table "${route.object}" for ${route.method} ${route.path}: add one to ids in this test`);
  return ids[route.object] = v;
}

// Further parameters that are not ids, by name.
const LATER = { jp: 'baru' };

// The address with the fixture's id in its first parameter, and 1 (or LATER's value) in
// any further one.
function address(route) {
  let first = true;
  return route.path.replace(/:([a-z_]+)/g, (_, name) => {
    const v = first && route.object ? idFor(route) : (LATER[name] ?? '1');
    first = false;
    return v;
  })
    .replace(/\*$/, 'x');
}

// What the rule expects for one caller: 'allow', 'login', 'forbidden' or 'notfound'.
function expected(route, who) {
  const p = people[who];
  if (route.who === 'public') return 'allow';
  if (p.kind === 'anon') return 'login';
  if (route.who === 'login') {
    if (!route.object) return 'allow';
    if (p.kind === 'pemohon') return who === 'pemohon' ? 'allow' : 'notfound';
    return p.own ? 'allow' : 'notfound';
  }
  if (route.who === 'pemohon') {
    if (p.kind !== 'pemohon') return 'forbidden';
    return !route.object || who === 'pemohon' ? 'allow' : 'notfound';
  }
  // petugas
  if (p.kind !== 'petugas') return 'forbidden';
  if (route.roles.length && !route.roles.includes(p.role)) return 'forbidden';
  return !route.object || p.own ? 'allow' : 'notfound';
}

const FINGERPRINT = ['account', 'permohonan', 'permohonan_step', 'permohonan_event', 'dokumen', 'perusahaan', 'outbox', 'audit_log',
  'email_token', 'instansi', 'tarif', 'retribusi', 'pembayaran', 'keluhan', 'keluhan_pesan'];
// Every table's rows, by table.  The outbox is compared without its delivery state: the
// mailer thread sends queued mails whenever it likes, which is not a call's doing.
const SELECT_OF = { outbox: 'SELECT id, instansi_id, kind, to_addr, subject, body FROM outbox ORDER BY 1' };
// One client run for all tables (a marker row between them): this is called before and
// after every POST route, so a process per table would dominate the test's time.
function fingerprint() {
  const script = FINGERPRINT.map((t) => `SELECT '#table ${t}'; ${SELECT_OF[t] || `SELECT * FROM ${t} ORDER BY 1`};`).join(' ');
  const out = {};
  let table = null;
  for (const line of srv.sql(script).split('\n')) {
    const m = line.match(/^#table (\w+)$/);
    if (m) { table = m[1]; out[table] = ''; } else if (table) out[table] += line + '\n';
  }
  return out;
}
const changedTables = (before, after) => FINGERPRINT.filter((t) => before[t] !== after[t]);

async function call(route, who, { csrf }) {
  const c = people[who].client;
  const path = address(route);
  if (route.method === 'GET') return { path, ...(await c.get(path)) };
  const token = csrf === 'valid' ? (c.csrfToken ||= await validToken(c)) : 'kedaluwarsa';
  return { path, ...(await c.post(path, { csrf: token })) };
}

async function validToken(c) {
  const page = await c.get('/');   // the header's Log Out form carries the session's token
  const m = page.body.match(/name="csrf" value="([^"]+)"/);
  return m ? m[1] : '';
}

function outcome(res) {
  if (res.status === 303 && /^\/login/.test(res.location || '')) return 'login';
  if (res.status === 403) return CSRF_REFUSED.test(res.body) ? 'csrf' : 'forbidden';
  if (res.status === 404) return 'notfound';
  if (res.status === 401) return 'login';
  return 'allow';
}

test('the route table gives every route a rule, and officer routes name their roles or any officer', () => {
  assert.ok(routes.length >= 60, `routes listed: ${routes.length}`);
  for (const r of routes) {
    assert.ok(['public', 'login', 'pemohon', 'petugas'].includes(r.who), `${r.method} ${r.path}: ${r.who}`);
    if (/\/:[a-z]+/.test(r.path) && r.path.startsWith('/petugas')) assert.ok(r.object, `${r.method} ${r.path} names the table of its id`);
  }
  assert.ok(routes.some((r) => r.path === '/petugas/loket' && r.roles.includes('front_office')));
});

test('every non-public route is allowed exactly where its rule says, for every role of both offices and applicants', async () => {
  const callers = Object.keys(people);
  const problems = [];
  let calls = 0;
  for (const route of routes.filter((r) => r.who !== 'public')) {
    const refused = callers.filter((w) => expected(route, w) !== 'allow');
    const allowed = callers.filter((w) => expected(route, w) === 'allow');
    const before = route.method === 'POST' ? fingerprint() : null;
    for (const who of refused) {
      const want = expected(route, who);
      const res = await call(route, who, { csrf: 'valid' });
      calls++;
      const got = outcome(res);
      // Another's object may also be refused with 403 (the role check came first).
      if (got !== want && !(want === 'notfound' && got === 'forbidden'))
        problems.push(`${route.method} ${res.path} as ${who}: expected ${want}, got ${got} (${res.status})`);
    }
    const changed = before === null ? [] : changedTables(before, fingerprint());
    if (changed.length) problems.push(`${route.method} ${route.path}: a refused call changed the database (${changed.join(', ')})`);
    for (const who of allowed) {
      const res = await call(route, who, { csrf: 'wrong' });
      calls++;
      const got = outcome(res);
      const ok = route.method === 'GET' ? got === 'allow' : got === 'csrf';
      if (!ok) problems.push(`${route.method} ${res.path} as ${who}: expected allowed, got ${got} (${res.status})`);
    }
  }
  assert.deepEqual(problems, [], `${problems.length} of ${calls} calls broke the rules`);
  assert.ok(calls > 500, `calls made: ${calls}`);
});
