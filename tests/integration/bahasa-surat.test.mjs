// Mails in the recipient's language (issue 10 item 7), through a real SMTP sink: an
// applicant who registered on the English pages gets the registration, verification and
// credentials mails in English; one who registered in Indonesian gets them in Indonesian;
// the language switch while logged in changes the language of the account's later mails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { Pemohon, STEP1, STEP3, errors } from '../lib/registrasi.mjs';

let srv;
before(async () => { srv = await startServer({ smtp: true }); });
after(async () => { await srv?.stop(); });

const ENGLISH = { username: 'emma.english', nama: 'Emma English', email: 'emma.english@example.com' };
const INDONESIAN = { username: 'indah.indo', nama: 'Indah Indonesia', email: 'indah.indo@example.com' };

// The wizard through Daftar, on pages in `lang`; returns the Daftar answer.
async function register(lang, step1, nik) {
  const p = new Pemohon(srv.url);
  assert.equal((await p.get(`/bahasa/${lang}?next=/registrasi`)).status, 303);
  await p.throughStep2(step1, { no_identitas: nik });
  const r = await p.step(3, { ...STEP3, hp: '0812-3456-78' + nik.slice(-2) });
  assert.equal(r.status, 200, 'Daftar accepted: ' + errors(r.body));
  return r;
}

// The Front Office approves the registration of `nama`.
async function approve(nama) {
  const fo = new Client(srv.url);
  assert.equal((await fo.login('fo.pangkalpinang', DEMO_PASSWORD)).status, 303);
  const row = (await fo.get('/petugas/registrasi')).body.split('<tr>').find((tr) => tr.includes(nama));
  assert.ok(row, `${nama} waits for approval`);
  const detail = row.match(/href="(\/petugas\/registrasi\/\d+)"/)[1];
  assert.equal((await fo.post(`${detail}/setujui`, { csrf: await fo.csrf(detail) })).status, 303);
}

const mailTo = (email, pattern) => srv.waitForMail((m) => m.to.includes(email) && pattern.test(m.subject + '\n' + m.body));

// Verifies through the mailed link and returns the one-time password of the credentials mail.
async function verify(email, verifyMail, credentialsPattern) {
  const token = verifyMail.body.match(/\/verifikasi\?token=([A-Za-z0-9_-]+)/)[1];
  const v = new Client(srv.url);
  assert.equal((await v.post('/verifikasi', { csrf: await v.csrf(`/verifikasi?token=${token}`), token })).status, 200);
  const cred = await mailTo(email, credentialsPattern);
  return { cred, oneTime: cred.body.match(/Password\s*:\s*(\S+)/)[1] };
}

test('registered in English: the registration, verification and credentials mails are English', async () => {
  await register('en', { ...STEP1, ...ENGLISH }, '1971011508900021');
  const received = await mailTo(ENGLISH.email, /Thank you for registering/);
  assert.equal(received.subject, 'Applicant registration');
  assert.match(received.body, /Contact .*:\n {2}Call centre: 0717-436772\n {2}WhatsApp: /, 'whom to call, in English');
  assert.match(received.body, /Yours sincerely,/);
  assert.doesNotMatch(received.body, /Terima kasih|Hubungi|Hormat kami|dikirim secara otomatis/);

  await approve(ENGLISH.nama);
  const verification = await mailTo(ENGLISH.email, /click the link below to verify your registration/);
  assert.equal(verification.subject, 'Registration verification');
  assert.match(verification.body, /This link is valid until \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  assert.doesNotMatch(verification.body, /klik link|berlaku sampai|pukul/);

  const { cred, oneTime } = await verify(ENGLISH.email, verification, /here is your user information/);
  assert.equal(cred.subject, 'User information');
  assert.match(cred.body, /You must change this password when you log in for the first time/);
  assert.doesNotMatch(cred.body, /informasi user anda|wajib diganti/);

  // Logged in, the switch to Indonesian: the account's next mail is Indonesian.
  const me = new Client(srv.url);
  assert.equal((await me.login(ENGLISH.username, oneTime)).status, 303);
  assert.equal((await me.get('/bahasa/id?next=/akun/password')).status, 303);
  assert.equal(srv.sql(`SELECT lang FROM account WHERE username = '${ENGLISH.username}'`).trim(), 'id');
  const visitor = new Client(srv.url);
  const r = await visitor.post('/lupa-password', { csrf: await visitor.csrf('/lupa-password'), email: ENGLISH.email });
  assert.equal(r.status, 200);
  const reset = await mailTo(ENGLISH.email, /Lupa password untuk akun anda/);
  assert.equal(reset.subject, 'Lupa Password');
  assert.match(reset.body, /pukul/, 'the date in Indonesian too');
  // A link on another site switches the page's language only, never the account's mails.
  assert.equal((await me.get('/bahasa/en?next=/', { 'sec-fetch-site': 'cross-site' })).status, 303);
  assert.equal(srv.sql(`SELECT lang FROM account WHERE username = '${ENGLISH.username}'`).trim(), 'id');
  // And back to English from Loket's own switch.
  assert.equal((await me.get('/bahasa/en?next=/', { 'sec-fetch-site': 'same-origin' })).status, 303);
  assert.equal(srv.sql(`SELECT lang FROM account WHERE username = '${ENGLISH.username}'`).trim(), 'en');
});

test('registered in Indonesian: the same mails are Indonesian', async () => {
  await register('id', { ...STEP1, ...INDONESIAN }, '1971011508900022');
  const received = await mailTo(INDONESIAN.email, /Terima kasih telah melakukan pendaftaran/);
  assert.equal(received.subject, 'Registrasi Pemohon');
  assert.match(received.body, /Hubungi .*:\n {2}Call Center: 0717-436772/);
  assert.match(received.body, /Hormat kami,/);
  await approve(INDONESIAN.nama);
  const verification = await mailTo(INDONESIAN.email, /klik link berikut ini untuk verifikasi pendaftaran anda/);
  assert.equal(verification.subject, 'Verifikasi Pendaftaran');
  assert.match(verification.body, /pukul/);
  const { cred } = await verify(INDONESIAN.email, verification, /informasi user anda/);
  assert.equal(cred.subject, 'Informasi User');
  assert.doesNotMatch(cred.body, /Yours sincerely|user information/);
  assert.equal(srv.sql(`SELECT lang FROM account WHERE username = '${INDONESIAN.username}'`).trim(), 'id');
});

test('a language the site does not have changes nothing', async () => {
  const c = new Client(srv.url);
  assert.equal((await c.get('/bahasa/fr')).status, 404);
});
