// The office's contact at the moment of waiting (issue 10 item 6): call centre, WhatsApp,
// hours and address of each instansi — on Home per office, on Registrasi Berhasil, in the
// registration mail, on Keluhan — edited by Admin Instansi on Pengaturan Instansi, with
// bad values refused and nothing half-saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { Pemohon, activeApplicant } from '../lib/registrasi.mjs';
import { csrfOf } from '../lib/permohonan.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test('Home shows each office’s call centre and WhatsApp as links, with hours and address', async () => {
  const home = (await new Client(srv.url).get('/')).body;
  assert.match(home, /<a href="tel:0717436772">0717-436772<\/a>/, 'the Pangkalpinang call centre');
  assert.match(home, /<a href="https:\/\/wa\.me\/6282381942489">082381942489<\/a>/, 'its WhatsApp');
  assert.match(home, /Senin–Kamis 08\.00–15\.00 WIB/);
  assert.match(home, /<a href="tel:0734421000">0734-421000<\/a>/, 'Muara Enim has its own numbers');
  assert.equal((home.match(/<dl class="kontak">/g) || []).length, 2, 'one block per office');
});

test('Registrasi Berhasil and the registration mail say whom to call', async () => {
  const r = await new Pemohon(srv.url).register({ username: 'rina.kontak', nama: 'Rina Kontak', email: 'rina.kontak@example.com' },
    { no_identitas: '1971011508900031' });
  assert.match(r.body, /Ingin dipercepat\? Hubungi petugas/);
  assert.match(r.body, /href="tel:0717436772"/);
  assert.match(r.body, /href="https:\/\/wa\.me\/6282381942489"/);
  const mail = await srv.waitForMail((m) => m.to.includes('rina.kontak@example.com') && /Terima kasih telah melakukan pendaftaran/.test(m.body));
  assert.match(mail.body, /Call Center: 0717-436772/);
  assert.match(mail.body, /WhatsApp: 082381942489/);
});

test('Admin Instansi edits the contact on Pengaturan Instansi; bad values are refused and nothing changes', async () => {
  const admin = new Client(srv.url);
  assert.equal((await admin.login('admin.muaraenim', DEMO_PASSWORD)).status, 303);
  const form = await admin.get('/petugas/pengaturan');
  assert.equal(form.status, 200);
  assert.match(form.body, /value="0734-421000"/);
  const csrf = csrfOf(form.body);
  const good = { csrf, call_center: '(0734) 421 999', whatsapp: '+62 812 3456 7890', jam_layanan: 'Senin–Jumat 07.30–16.00 WIB',
    alamat: 'Jl. Jenderal Sudirman No. 1, Muara Enim' };
  let r = await admin.post('/petugas/pengaturan', good);
  assert.equal(r.status, 200);
  assert.match(r.body, /Pengaturan disimpan/);
  let home = (await new Client(srv.url).get('/')).body;
  assert.match(home, /<a href="tel:0734421999">\(0734\) 421 999<\/a>/);
  assert.match(home, /<a href="https:\/\/wa\.me\/6281234567890">/);
  assert.match(home, /Jl\. Jenderal Sudirman No\. 1, Muara Enim/);

  const before = srv.sql(`SELECT phone || '|' || whatsapp || '|' || office_hours || '|' || auto_approve FROM instansi WHERE slug = 'kabupaten-muara-enim'`);
  for (const [field, value] of [['call_center', 'hubungi kami'], ['whatsapp', '12345'], ['jam_layanan', 'x'.repeat(201)],
    ['call_center', '0812\r\n3456789'], ['alamat', 'y'.repeat(301)]]) {
    r = await admin.post('/petugas/pengaturan', { ...good, auto_approve: '1', [field]: value });
    assert.equal(r.status, 400, `${field} refused`);
    assert.match(r.body, new RegExp(`<p class="err" id="k-${field}-err">`), `the message beside ${field}`);
    assert.ok(r.body.includes('value="Senin–Jumat 07.30–16.00 WIB"') || field === 'jam_layanan', 'what was typed is kept');
  }
  assert.equal(srv.sql(`SELECT phone || '|' || whatsapp || '|' || office_hours || '|' || auto_approve FROM instansi WHERE slug = 'kabupaten-muara-enim'`),
    before, 'nothing saved, not even the tick');
  // Hostile text is shown escaped.
  r = await admin.post('/petugas/pengaturan', { ...good, jam_layanan: '<script>alert(1)</script>' });
  assert.equal(r.status, 200);
  home = (await new Client(srv.url).get('/')).body;
  assert.ok(!home.includes('<script>alert(1)'), 'escaped');
  // Blank clears; only the office's own admin, with CSRF.
  r = await admin.post('/petugas/pengaturan', { ...good, jam_layanan: '' });
  assert.equal(srv.sql(`SELECT COALESCE(office_hours, 'NULL') FROM instansi WHERE slug = 'kabupaten-muara-enim'`), 'NULL');
  assert.equal((await admin.post('/petugas/pengaturan', { ...good, csrf: 'forged' })).status, 403);
  const fo = new Client(srv.url);
  await fo.login('fo.muaraenim', DEMO_PASSWORD);
  assert.equal((await fo.post('/petugas/pengaturan', { ...good, csrf: await fo.csrf('/') })).status, 403, 'Front Office is not Admin Instansi');
  assert.equal(srv.sql(`SELECT phone FROM instansi WHERE slug = 'kota-pangkalpinang'`), '0717-436772', 'the other office untouched');
});

test('Keluhan shows the applicant’s office contact (the shared block of web/kontak.h)', async () => {
  const me = await activeApplicant(srv, { step1: { username: 'dedi.kontak', nama: 'Dedi Kontak', email: 'dedi.kontak@example.com' },
    step2: { no_identitas: '1971011508900041' } });
  const page = (await me.get('/pemohon/keluhan')).body;
  assert.match(page, /<dl class="kontak">/);
  assert.match(page, /href="https:\/\/wa\.me\/6282381942489"/);
});
