// The public Keluhan form's limits and contacts (issue 9 item 6, issue 10 item 6) against the
// real binary with a real SMTP sink: the verification mail a visitor's complaint sends is
// limited per recipient and per client address like every visitor mail
// (web/visitor_mail.c), with the same answer whoever the address belongs to and nothing
// stored over the limit; a form with mistakes counts for nothing; the page lists every
// office's call centre and WhatsApp, and an applicant's Keluhan page their own office's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';

let srv, instansi;
before(async () => {
  srv = await startServer({ smtp: true, env: { LOKET_VISITOR_MAILS: '4' } });
  const page = await new Client(srv.url).get('/keluhan');
  instansi = page.body.match(/<option value="(\d+)">[^<]*Kota Pangkalpinang</)[1];
});
after(async () => { await srv?.stop(); });

const ISI = 'Antrean di loket pelayanan sangat panjang setiap pagi.';
const stored = (email) => Number(srv.sql(`SELECT COUNT(*) FROM keluhan WHERE email = '${email}'`));

// One complaint from client c (its own source address); the answer.
async function complain(c, email, fields = {}) {
  const csrf = await c.csrf('/keluhan');
  return c.post('/keluhan', { csrf, nama: 'Wati Warga', email, instansi, kategori: 'pelayanan', uraian: ISI, ...fields });
}

test('the public Keluhan page shows every office\'s contact', async () => {
  const r = await new Client(srv.url).get('/keluhan');
  assert.equal(r.status, 200);
  assert.match(r.body, /<h2 id="kontak-kantor-semua">Kontak kantor<\/h2>/);
  assert.match(r.body, /<a href="tel:0717436772">0717-436772<\/a>/, 'Pangkalpinang\'s call centre');
  assert.match(r.body, /<a href="https:\/\/wa\.me\/6282381942489">082381942489<\/a>/, 'and its WhatsApp');
  assert.match(r.body, /Muara Enim/);
  const offices = [...r.body.matchAll(/<dl class="kontak">/g)].length;
  assert.ok(offices >= 2, `${offices} offices' contacts`);
});

test('an applicant\'s Keluhan page shows their own office\'s contact', async () => {
  const budi = await activeApplicant(srv, { step1: { username: 'budi.kp', nama: 'Budi Kontak', email: 'budi.kp@example.com' },
    step2: { no_identitas: '1971011508900051' } });
  const r = await budi.get('/pemohon/keluhan');
  assert.equal(r.status, 200);
  assert.match(r.body, /0717-436772/);
  assert.equal([...r.body.matchAll(/<dl class="kontak">/g)].length, 1, 'one office: theirs');
});

test('at most three complaint mails an hour to one address, however many clients ask', async () => {
  const email = 'wati.batas@example.com';
  const answers = [];
  for (let i = 1; i <= 5; i++) answers.push(await complain(new Client(srv.url, { from: `127.0.9.${i}` }), email));
  assert.deepEqual(answers.map((a) => a.status), [303, 303, 303, 429, 429]);
  assert.match(answers[3].body, /Terlalu banyak keluhan ke email ini atau dari jaringan Anda/);
  assert.match(answers[3].body, /id="email"[^>]*aria-invalid="true"/);
  assert.ok(answers[3].body.includes(ISI), 'what was typed is kept');
  assert.equal(answers[3].headers.get('retry-after'), '3600');
  assert.equal(stored(email), 3, 'nothing stored over the limit');
  await srv.waitForMail((m) => m.to.includes(email) && /Verifikasi Keluhan/.test(m.subject));
  await new Promise((ok) => setTimeout(ok, 1500));
  assert.equal(srv.mails().filter((m) => m.to.includes(email)).length, 3);
});

test('one client gets at most LOKET_VISITOR_MAILS complaint mails an hour; mistakes count for nothing', async () => {
  const c = new Client(srv.url, { from: '127.0.10.1' });
  // A form with a mistake: answered 400, not counted.
  for (let i = 0; i < 3; i++) assert.equal((await complain(c, `salah${i}@example.com`, { uraian: 'pendek' })).status, 400);
  const answers = [];
  for (let i = 1; i <= 5; i++) answers.push((await complain(c, `warga${i}@example.com`)).status);
  assert.deepEqual(answers, [303, 303, 303, 303, 429]);
  assert.equal(stored('warga5@example.com'), 0);
  // Another client is not held back.
  assert.equal((await complain(new Client(srv.url, { from: '127.0.10.2' }), 'warga5@example.com')).status, 303);
});
