// Admin Instansi manages the officers of their own instansi (SPEC 2, 5.8) against the real
// binary and a real SMTP server: add with roles and units (the one-time password shown
// once, or mailed), the new officer logs in and must change it; edit roles and units;
// deactivate (sessions end, log-in refused) and reactivate; reset the password; and the
// refusals: a duplicate username, no role, a forged role or unit, removing one's own last
// admin role, deactivating oneself, another instansi's officer, a missing CSRF token,
// another role than Admin Instansi.  Every change leaves an audit record and the chain
// verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { officer, formFields, submitForm, summary } from '../lib/admin.mjs';

let srv, admin;
before(async () => {
  srv = await startServer({ smtp: true });
  admin = await officer(srv);
});
after(async () => { await srv?.stop(); });

const sql = (q) => srv.sql(q);
const LIST = '/petugas/admin/petugas';
const count = (where) => Number(sql(`SELECT count(*) FROM account WHERE ${where}`));
const idOf = (username) => Number(sql(`SELECT id FROM account WHERE username = '${username}'`));
const unitId = (slugLike, instansi) => Number(sql(`SELECT u.id FROM unit_kerja u JOIN instansi i ON i.id = u.instansi_id
  WHERE i.slug = '${instansi}' ORDER BY u.id LIMIT 1`));

async function addOfficer(fields) {
  const page = (await admin.get(`${LIST}/baru`)).body;
  return submitForm(admin, page, `${LIST}/baru`, fields);
}
const shownPassword = (html) => html.match(/id="password-sementara">([^<]+)</)?.[1];

test('only Admin Instansi opens the officers’ pages', async () => {
  assert.equal((await new Client(srv.url).get(LIST)).status, 303, 'anonymous: to Log In');
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await fo.get(LIST)).status, 403);
  assert.equal((await fo.get(`${LIST}/baru`)).status, 403);
  const list = await admin.get(LIST);
  assert.equal(list.status, 200);
  assert.match(list.body, /verifikator\.pangkalpinang/);
  assert.doesNotMatch(list.body, /muaraenim/, 'only officers of the own instansi');
  assert.match(list.body, /href="\/petugas\/admin\/petugas"[^>]*aria-current="page"/, 'the menu entry');
});

test('add an officer: the password shown once, the first log-in forces a new one', async () => {
  const unit = unitId('', 'kota-pangkalpinang');
  const r = await addOfficer({ username: 'Rina.Verif', nama: 'Rina Wulandari', email: 'rina@example.com', nip: '198501012010012001',
    jabatan: 'Analis Perizinan', peran: ['verifikator', 'tim_teknis'], unit: String(unit), serah: 'layar' });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control'), /no-store/);
  assert.match(r.body, /Password ini hanya tampil sekali/);
  const password = shownPassword(r.body);
  assert.ok(password && password.length >= 12, 'a one-time password');
  const id = idOf('rina.verif');
  assert.ok(id, 'stored with the username in lower case');
  assert.equal(sql(`SELECT status || ' ' || must_change_password || ' ' || kind || ' ' || nip FROM account WHERE id = ${id}`),
    'aktif 1 petugas 198501012010012001');
  assert.equal(sql(`SELECT r.key FROM account_role ar JOIN role r ON r.id = ar.role_id WHERE ar.account_id = ${id} ORDER BY r.key`)
    .split('\n').join(','), 'tim_teknis,verifikator');
  assert.equal(sql(`SELECT unit_id FROM account_unit WHERE account_id = ${id}`), String(unit));
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'petugas.tambah' AND object_id = ${id}`), '1');
  assert.doesNotMatch(sql(`SELECT password_hash FROM account WHERE id = ${id}`), new RegExp(password), 'only a hash is stored');

  const rina = new Client(srv.url);
  const login = await rina.login('rina.verif', password);
  assert.equal(login.status, 303);
  assert.equal(login.location, '/akun/password', 'must change the one-time password first');
  const list = (await admin.get(LIST)).body;
  assert.match(list, /Rina Wulandari[\s\S]*?Verifikator, Tim Teknis/);
});

test('add an officer with the password mailed', async () => {
  const r = await addOfficer({ username: 'dewi.fo', nama: 'Dewi Lestari', email: 'dewi.fo@example.com', peran: 'front_office', serah: 'email' });
  assert.equal(r.status, 200);
  assert.equal(shownPassword(r.body), undefined, 'not shown when mailed');
  assert.match(r.body, /dikirim ke dewi\.fo@example\.com/);
  const mail = await srv.waitForMail((m) => m.to.includes('dewi.fo@example.com'));
  assert.match(mail.body, /berikut ini adalah informasi user anda/);
  assert.match(mail.body, /Username : dewi\.fo/);
  const password = mail.body.match(/Password : (\S+)/)[1];
  const login = await new Client(srv.url).login('dewi.fo', password);
  assert.equal(login.location, '/akun/password');
});

test('bad input: a duplicate username or email, no role, a forged role or unit — refused, nothing stored', async () => {
  const before = count("kind = 'petugas'");
  let r = await addOfficer({ username: 'RINA.VERIF', nama: 'Rina Lain', email: 'rina@example.com', peran: 'verifikator' });
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.body), ['Username: Username ini sudah dipakai. Pilih username lain.',
    'Email: Email ini sudah dipakai oleh akun lain.']);
  assert.match(r.body, /value="Rina Lain"/, 'what was typed is kept');
  r = await addOfficer({ username: 'tanpa.peran', nama: 'Tanpa Peran', email: 'tanpa@example.com', peran: null });
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.body), ['Peran: Pilih paling sedikit satu peran.']);
  r = await addOfficer({ username: 'super.user', nama: 'Super User', email: 'super@example.com', peran: 'superadmin' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /Peran yang dipilih tidak dikenal/);
  r = await addOfficer({ username: 'unit.lain', nama: 'Unit Lain', email: 'unit@example.com', peran: 'verifikator',
    unit: String(unitId('', 'kabupaten-muara-enim')) });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /bukan unit instansi ini/);
  r = await addOfficer({ username: 'x', nama: '', email: 'bukan-email', jabatan: '<script>alert(1)</script>', peran: 'verifikator' });
  assert.equal(r.status, 400);
  assert.equal(summary(r.body).length, 3, 'username, nama and email each named');
  assert.match(r.body, /value="&lt;script&gt;alert\(1\)&lt;\/script&gt;"/, 'what was typed comes back escaped');
  assert.doesNotMatch(r.body, /<script>alert/);
  assert.equal(count("kind = 'petugas'"), before, 'nothing stored');
});

test('edit roles and units; an admin cannot drop their own last admin role', async () => {
  const id = idOf('rina.verif');
  const path = `${LIST}/${id}`;
  let page = (await admin.get(path)).body;
  let r = await submitForm(admin, page, path, { peran: 'front_office', unit: null, jabatan: 'Petugas Loket' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT r.key FROM account_role ar JOIN role r ON r.id = ar.role_id WHERE ar.account_id = ${id}`), 'front_office');
  assert.equal(sql(`SELECT count(*) FROM account_unit WHERE account_id = ${id}`), '0', 'no unit: every unit');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'petugas.ubah' AND object_id = ${id}`), '1');

  const self = idOf('admin.pangkalpinang');
  page = (await admin.get(`${LIST}/${self}`)).body;
  assert.match(page, /Ini akun Anda sendiri/);
  assert.doesNotMatch(page, /\/nonaktifkan"/, 'no deactivate button on one’s own account');
  r = await submitForm(admin, page, `${LIST}/${self}`, { peran: 'front_office' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /tidak dapat melepas peran Admin Instansi Anda sendiri/);
  assert.equal(sql(`SELECT count(*) FROM account_role ar JOIN role r ON r.id = ar.role_id WHERE ar.account_id = ${self} AND r.key = 'admin_instansi'`), '1');
  r = await submitForm(admin, page, `${LIST}/${self}`, { email: 'rina@example.com' });
  assert.equal(r.status, 400, 'an email already in use');
});

test('deactivate: the officer is logged out and cannot log in; reactivate; not oneself', async () => {
  const id = idOf('dewi.fo');
  const password = 'Dewi-Baru-2026!';
  sql(`UPDATE account SET must_change_password = 0 WHERE id = ${id}`);
  // Give Dewi a known password through a reset shown on screen.
  let page = (await admin.get(`${LIST}/${id}`)).body;
  let r = await submitForm(admin, page, `${LIST}/${id}/reset-password`, { serah: 'layar' });
  assert.equal(r.status, 200);
  const reset = shownPassword(r.body);
  assert.ok(reset);
  assert.equal(sql(`SELECT must_change_password FROM account WHERE id = ${id}`), '1');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'petugas.reset_password' AND object_id = ${id}`), '1');
  const dewi = new Client(srv.url);
  assert.equal((await dewi.login('dewi.fo', reset)).location, '/akun/password');
  let csrf = await dewi.csrf('/akun/password');
  r = await dewi.post('/akun/password', { csrf, password_lama: reset, password_baru: password, password_ulang: password });
  assert.equal(r.status, 303);
  assert.equal((await dewi.get('/petugas/registrasi')).status, 200, 'works as Front Office');

  page = (await admin.get(`${LIST}/${id}`)).body;
  r = await submitForm(admin, page, `${LIST}/${id}/nonaktifkan`);
  assert.equal(r.status, 303);
  assert.match((await admin.get(r.location)).body, /Petugas dinonaktifkan/);
  assert.equal((await dewi.get('/petugas/registrasi')).status, 303, 'the open session ended');
  r = await new Client(srv.url).login('dewi.fo', password);
  assert.equal(r.status, 403);
  assert.match(r.body, /Akun ini dinonaktifkan/);
  r = await submitForm(admin, page, `${LIST}/${id}/nonaktifkan`);
  assert.equal(r.status, 303, 'a stale button');
  assert.match((await admin.get(r.location)).body, /sudah diubah sebelumnya/);

  page = (await admin.get(`${LIST}/${id}`)).body;
  r = await submitForm(admin, page, `${LIST}/${id}/aktifkan`);
  assert.equal(r.status, 303);
  assert.equal((await new Client(srv.url).login('dewi.fo', password)).status, 303, 'can log in again');
  assert.deepEqual(sql(`SELECT action FROM audit_log WHERE object_id = ${id} AND action LIKE 'petugas.%aktif%' ORDER BY id`).split('\n'),
    ['petugas.nonaktifkan', 'petugas.aktifkan']);

  const self = idOf('admin.pangkalpinang');
  csrf = formFields(page, `${LIST}/${id}/aktifkan`).find(([k]) => k === 'csrf')[1];
  r = await admin.post(`${LIST}/${self}/nonaktifkan`, { csrf });
  assert.equal(r.status, 403);
  assert.match(r.body, /tidak dapat menonaktifkan akun Anda sendiri/);
  assert.equal(sql(`SELECT status FROM account WHERE id = ${self}`), 'aktif');
});

test('another instansi’s officer, forged ids and a missing CSRF token change nothing', async () => {
  const other = idOf('verifikator.muaraenim');
  const page = (await admin.get(LIST)).body;
  const csrf = page.match(/name="csrf" value="([^"]+)"/)[1];
  const state = () => sql(`SELECT status || password_hash || nama FROM account WHERE id = ${other}`);
  const was = state();
  assert.equal((await admin.get(`${LIST}/${other}`)).status, 404);
  for (const action of ['', '/nonaktifkan', '/reset-password']) {
    const r = await admin.post(`${LIST}/${other}${action}`, { csrf, nama: 'Diambil Alih', email: 'x@example.com', peran: 'admin_instansi', serah: 'layar' });
    assert.equal(r.status, 404, `POST ${action || 'simpan'}`);
  }
  assert.equal((await admin.get(`${LIST}/abc`)).status, 404);
  assert.equal((await admin.get(`${LIST}/99999999999999999999`)).status, 404);
  assert.equal(state(), was, 'nothing changed');
  const rina = idOf('rina.verif');
  const r = await admin.post(`${LIST}/${rina}/nonaktifkan`, {});
  assert.equal(r.status, 403, 'no CSRF token');
  assert.equal(sql(`SELECT status FROM account WHERE id = ${rina}`), 'aktif');
  const fo = await officer(srv, 'fo.pangkalpinang');
  const foCsrf = (await fo.get('/petugas/registrasi')).body.match(/name="csrf" value="([^"]+)"/)[1];
  assert.equal((await fo.post(`${LIST}/${rina}/nonaktifkan`, { csrf: foCsrf })).status, 403, 'Front Office may not');
  assert.equal(sql(`SELECT status FROM account WHERE id = ${rina}`), 'aktif');
});

test('the audit chain of these changes verifies', () => {
  const r = loket(['audit', 'verify'], srv.env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /audit chain OK/);
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE action LIKE 'petugas.%'`)) >= 6);
});
