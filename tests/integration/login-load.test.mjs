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
