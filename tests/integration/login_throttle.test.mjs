// Log-in throttling (issue 9, defects 2 and 8): guessing spread over many addresses
// slows the account down for strangers but never keeps the owner out of their own
// devices and addresses; a shared address with many failures does not lock out its
// regular users; unknown and known usernames get identical answers.  Each client
// connects from its own loopback address (127.0.x.y), which the server sees as distinct.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';

let srv;
before(async () => { srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off' } }); });
after(async () => { await srv?.stop(); });

const from = (addr) => new Client(srv.url, { from: addr });

test('guessing from many addresses does not lock the owner out of a device or address used before', async () => {
  const owner = from('127.0.0.1');
  assert.equal((await owner.login('verifikator.pangkalpinang', DEMO_PASSWORD)).status, 303);
  assert.ok(owner.cookies.get('perangkat'), 'the browser is remembered as a device of the account');
  // Guesses from a new address each, a quarter second apart, until strangers must wait
  // a while (the account-wide delays grow 2, 4, 8 s after ten failures).
  let last;
  for (let i = 1; i <= 80; i++) {
    last = await from(`127.0.1.${i}`).login('verifikator.pangkalpinang', 'tebakan-' + i);
    if (last.status === 429 && Number(last.headers.get('retry-after')) >= 5) break;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  assert.equal(last.status, 429, 'strangers are slowed down');
  const stranger = await from('127.0.1.99').login('verifikator.pangkalpinang', DEMO_PASSWORD);
  assert.equal(stranger.status, 429, 'a new address and device waits too, even with the right password');
  // A device cookie of another account counts for nothing here.
  const other = from('127.0.0.201');
  assert.equal((await other.login('fo.muaraenim', DEMO_PASSWORD)).status, 303);
  const borrowed = from('127.0.0.202');
  borrowed.cookies.set('perangkat', other.cookies.get('perangkat'));
  assert.equal((await borrowed.login('verifikator.pangkalpinang', DEMO_PASSWORD)).status, 429);

  // The owner: the same browser from its usual address, the same browser from a new
  // address (the device cookie), and a new browser from the usual address.
  const again = from('127.0.0.1');
  again.cookies = new Map(owner.cookies);
  again.cookies.delete('sid');
  assert.equal((await again.login('verifikator.pangkalpinang', DEMO_PASSWORD)).status, 303);
  const travelling = from('127.0.0.200');
  travelling.cookies.set('perangkat', owner.cookies.get('perangkat'));
  assert.equal((await travelling.login('verifikator.pangkalpinang', DEMO_PASSWORD)).status, 303);
  assert.equal((await from('127.0.0.1').login('verifikator.pangkalpinang', DEMO_PASSWORD)).status, 303);
});

test('an unknown username gets exactly the answers and timing of a known one', async () => {
  // Four tries each, back to back: three refused passwords, then the pair's first wait
  // (2 s, far longer than one more try takes).
  // The two users' tries alternate, so a busy machine slows both alike.
  const pairs = [['bendahara.muaraenim', '127.0.2.1'], ['tidak.ada.orangnya', '127.0.2.2']];
  const runs = Object.fromEntries(pairs.map(([name]) => [name, []]));
  const clients = Object.fromEntries(pairs.map(([name, addr]) => [name, from(addr)]));
  for (let i = 0; i < 4; i++) {
    for (const [name] of pairs) {
      const t0 = process.hrtime.bigint();
      const r = await clients[name].login(name, 'salah-' + i);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const body = r.body.replace(/name="csrf" value="[^"]+"/g, '').replace(/dalam \d+ detik/g, 'dalam N detik').split(name).join('NAMA');
      runs[name].push({ status: r.status, retry: r.headers.get('retry-after'), body, ms });
    }
  }
  const [known, unknown] = Object.values(runs);
  assert.deepEqual(unknown.map((x) => x.status), known.map((x) => x.status));
  // The same wait (read a moment later, so within a second).
  unknown.forEach((x, i) => assert.ok(Math.abs(Number(x.retry) - Number(known[i].retry)) <= 1, `Retry-After ${x.retry} vs ${known[i].retry}`));
  assert.deepEqual(unknown.map((x) => x.body), known.map((x) => x.body));
  assert.deepEqual(known.map((x) => x.status), [401, 401, 401, 429]);
  // The refused passwords cost a password check either way (medians of the three).  Without
  // the check an unknown name answers in about a millisecond, a hundred times faster than
  // an argon2id hash: a factor of 10 either way still tells them apart on a busy machine.
  const median = (xs) => xs.slice().sort((a, b) => a - b)[1];
  const k = median(known.slice(0, 3).map((x) => x.ms)), u = median(unknown.slice(0, 3).map((x) => x.ms));
  assert.ok(u > k / 10 && u < k * 10, `known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`);
});

test('failures from a shared address for unknown users do not lock out its real users', async () => {
  const office = '127.0.3.1';
  for (let i = 0; i < 10; i++) assert.equal((await from(office).login('orang.' + i, 'salah')).status, 401);
  const first = from(office);
  assert.equal((await first.login('penyerahan.pangkalpinang', DEMO_PASSWORD)).status, 303,
    'ten failures of others do not stop a first log-in from the address');
  let last;
  for (let i = 10; i < 40; i++) last = await from(office).login('orang.' + i, 'salah');
  assert.equal(last.status, 429, 'the address is slowed down for strangers');
  // Users who logged in from here before are not: with their browser, or a new one.
  const same = from(office);
  same.cookies.set('perangkat', first.cookies.get('perangkat'));
  assert.equal((await same.login('penyerahan.pangkalpinang', DEMO_PASSWORD)).status, 303);
  assert.equal((await from(office).login('penyerahan.pangkalpinang', DEMO_PASSWORD)).status, 303);
});
