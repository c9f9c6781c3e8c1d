// What an anonymous visitor can make Loket do (issue 9, defects 6 and 7): showing a form
// writes nothing to the database, and the mails a visitor can trigger (Lupa Password,
// Registrasi Pemohon) are limited per recipient and per client, with the same answer
// for registered and unknown addresses.  Clients connect from distinct 127.0.x.y.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { Pemohon } from '../lib/registrasi.mjs';

let srv;
before(async () => { srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off', LOKET_VISITOR_MAILS: '10' } }); });
after(async () => { await srv?.stop(); });

const sessions = () => Number(srv.sql('SELECT COUNT(*) FROM session'));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

test('anonymous GETs of form pages write no session rows, and their forms still work', async () => {
  const before = sessions();
  for (let i = 0; i < 100; i++)
    for (const path of ['/login', '/lupa-password', '/registrasi/1', '/registrasi', '/', '/katalog'])
      assert.ok([200, 303].includes((await fetch(srv.url + path, { redirect: 'manual' })).status), path);
  assert.equal(sessions(), before, '600 anonymous GETs, no new session');
  // The stateless token works for its own browser only.
  const c = new Client(srv.url);
  const token = await c.csrf('/login');
  assert.ok(c.cookies.get('acsrf'), 'the token is bound to a cookie');
  const other = new Client(srv.url);
  await other.csrf('/login');
  const forged = await other.post('/login', { csrf: token, username: 'fo.muaraenim', password: DEMO_PASSWORD });
  assert.equal(forged.status, 403, "another browser's token is refused");
  const none = await new Client(srv.url).post('/login', { csrf: token, username: 'fo.muaraenim', password: DEMO_PASSWORD });
  assert.equal(none.status, 403, 'a token without its cookie is refused');
  assert.equal((await c.post('/login', { csrf: token, username: 'fo.muaraenim', password: DEMO_PASSWORD })).status, 303);
  // The registration wizard keeps its draft from the first Next on.
  const p = new Pemohon(srv.url);
  await p.register();
  assert.ok(sessions() > before);
});

const resetMailsTo = (addr) => srv.mails().filter((m) => m.to.includes(addr) && /reset-password/.test(m.body)).length;

test('Lupa Password sends at most three mails an hour to one address, however many clients ask', async () => {
  const addr = 'fo@muaraenim.demo.loket.id';
  const answers = new Set();
  for (let i = 1; i <= 30; i++) {
    const c = new Client(srv.url, { from: `127.0.7.${i}` });
    const csrf = await c.csrf('/lupa-password');
    const r = await c.post('/lupa-password', { csrf, email: addr });
    assert.equal(r.status, 200);
    answers.add(r.body.replace(/name="csrf" value="[^"]+"/g, ''));
  }
  assert.equal(answers.size, 1, 'every request gets the same answer');
  await sleep(2500);
  assert.equal(resetMailsTo(addr), 3);
});

test('one client gets at most ten visitor mails an hour, and unknown addresses are answered alike', async () => {
  const people = ['fo', 'admin', 'verifikator', 'teknis', 'bendahara', 'kadis', 'penyerahan'];
  const addrs = [...people.map((p) => `${p}@pangkalpinang.demo.loket.id`),
                 ...people.slice(1, 6).map((p) => `${p}@muaraenim.demo.loket.id`)];
  const c = new Client(srv.url, { from: '127.0.8.1' });
  const bodies = [];
  for (const addr of [...addrs, 'tidak.terdaftar@example.com']) {
    const csrf = await c.csrf('/lupa-password');
    const r = await c.post('/lupa-password', { csrf, email: addr });
    assert.equal(r.status, 200, addr);
    bodies.push(r.body.replace(/name="csrf" value="[^"]+"/g, ''));
  }
  assert.equal(new Set(bodies).size, 1, 'known, unknown and over-the-limit addresses get the same page');
  await sleep(2500);
  const sent = addrs.filter((a) => resetMailsTo(a) > 0).length;
  assert.equal(sent, 10, `${sent} of 12 addresses got a mail`);
  // Another client is not affected.
  const d = new Client(srv.url, { from: '127.0.8.2' });
  const csrf = await d.csrf('/lupa-password');
  await d.post('/lupa-password', { csrf, email: addrs[11] });
  await sleep(2500);
  assert.equal(resetMailsTo(addrs[11]), 1);
});
