// Log-in under load (issue 12 item 4): password checks wait for the hashing workers in a
// bounded queue.  With the queue set to one place, a burst of log-ins is answered at once
// for those beyond it — 503 with Retry-After and a page that says "coba lagi" (in English
// with the English switch), no session made — while the others log in; nobody hangs, and
// once the burst has passed a log-in works again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer({ env: { LOKET_LOGIN_QUEUE: '1', LOKET_MAX_CONN_PER_IP: '1000' } }); });
after(async () => { await srv?.stop(); });

const USERS = ['admin', 'fo', 'verifikator', 'teknis', 'bendahara', 'kadis', 'penyerahan']
  .flatMap((p) => [`${p}.pangkalpinang`, `${p}.muaraenim`]);

async function burst(n, lang) {
  // Every client fetches its form first, then all post at once.
  const clients = await Promise.all(Array.from({ length: n }, async (_, i) => {
    const c = new Client(srv.url);
    if (lang) c.cookies.set('lang', lang);
    return { c, user: USERS[i % USERS.length], csrf: await c.csrf('/login') };
  }));
  return Promise.all(clients.map(({ c, user, csrf }) => c.post('/login', { csrf, username: user, password: DEMO_PASSWORD, next: '/' })));
}

test('a burst beyond the queue is told to try again at once; the rest log in', async () => {
  const answers = await burst(40);
  const statuses = answers.map((r) => r.status);
  assert.ok(statuses.every((s) => s === 303 || s === 503), `only log-ins and "try again": ${statuses}`);
  const busy = answers.filter((r) => r.status === 503);
  assert.ok(busy.length > 0, 'some were beyond the queue');
  assert.ok(statuses.includes(303), 'and some logged in');
  for (const r of busy) {
    assert.match(r.body, /Terlalu banyak permintaan masuk saat ini\. Silakan coba lagi sebentar lagi\./);
    assert.equal(r.headers.get('retry-after'), '5');
    assert.doesNotMatch(r.headers.get('set-cookie') || '', /sid=/, 'no session for a refused log-in');
  }
  const ok = answers.find((r) => r.status === 303);
  assert.match(ok.headers.get('set-cookie') || '', /sid=/);
});

test('the "try again" page in English', async () => {
  const answers = await burst(40, 'en');
  const busy = answers.filter((r) => r.status === 503);
  assert.ok(busy.length > 0);
  assert.match(busy[0].body, /<html lang="en"/);
  assert.match(busy[0].body, /Too many requests are coming in right now\. Please try again in a moment\./);
});

test('after the burst a log-in goes through', async () => {
  const c = new Client(srv.url);
  const r = await c.login('admin.pangkalpinang', DEMO_PASSWORD);
  assert.equal(r.status, 303);
  assert.equal((await c.get('/petugas/inbox')).status, 200);
});

// The queue's bound in time (LOKET_LOGIN_WAIT_MS): with places for every log-in of the
// burst but an expected wait of at most 1 ms, those that arrive behind others are told
// to try again at once, while a log-in that finds nobody waiting always runs.
test('a burst beyond the expected wait is told to try again, though the queue has room', async () => {
  const timed = await startServer({ env: { LOKET_LOGIN_QUEUE: '1000', LOKET_LOGIN_WAIT_MS: '1', LOKET_MAX_CONN_PER_IP: '1000' } });
  try {
    const alone = new Client(timed.url);
    assert.equal((await alone.login('fo.pangkalpinang', DEMO_PASSWORD)).status, 303, 'alone, never refused');
    const clients = await Promise.all(USERS.concat(USERS).map(async (user) => {
      const c = new Client(timed.url);
      return { c, user, csrf: await c.csrf('/login') };
    }));
    const answers = await Promise.all(clients.map(({ c, user, csrf }) => c.post('/login', { csrf, username: user, password: DEMO_PASSWORD, next: '/' })));
    const statuses = answers.map((r) => r.status);
    assert.ok(statuses.every((s) => s === 303 || s === 503), `only log-ins and "try again": ${statuses}`);
    assert.ok(statuses.includes(503), `some were refused by the time bound: ${statuses}`);
    assert.ok(statuses.includes(303), 'the first of the burst logged in');
    const busy = answers.find((r) => r.status === 503);
    assert.match(busy.body, /Silakan coba lagi sebentar lagi\./);
    assert.equal(busy.headers.get('retry-after'), '5');
    const after = new Client(timed.url);
    const r = await after.login('admin.muaraenim', DEMO_PASSWORD);
    assert.equal(r.status, 303, 'once the burst is through, a log-in runs again');
    assert.equal((await after.get('/petugas/inbox')).status, 200);
  } finally {
    await timed.stop();
  }
});
