// Scale-out (issue 11, SPEC 8): PostgreSQL + two `loket serve` processes sharing one data
// folder + an nginx of the test's own in front, all on free loopback ports, all started
// and stopped here.  The applicant journey runs through nginx with requests alternating
// between the nodes; a session made on one node is honoured by the other; then one node
// is killed with SIGKILL in the middle of a run of submissions: every submission that was
// acknowledged with a number exists afterwards, no number is duplicated, a submission
// whose answer was lost gets its number when the applicant clicks Buat again, and every
// receipt mail arrives (a mail node A was handing over at the very moment it died may
// arrive twice, as the same message with the same Message-ID: delivery is at least once).
// Needs PostgreSQL (LOKET_TEST_PG_URL) and nginx.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loket, makeDatabase, startSmtpSink, spawnServe, dbSql, readMails, waitForMail, freePort, WILAYAH_DIR } from '../lib/harness.mjs';
import { startNginx, nginxBinary } from '../lib/nginx.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { readyDrafts, decode } from '../lib/permohonan.mjs';

const skip = !process.env.LOKET_TEST_PG_URL ? 'needs PostgreSQL: set LOKET_TEST_PG_URL (scripts/test.sh does)'
  : !nginxBinary() ? 'needs nginx (scripts/install-deps.sh installs it)' : false;

let dir, db, sink, nodeA, nodeB, nginx, env, budi;
const cluster = {};   // what the shared helpers expect of a server: url and waitForMail

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'loket-cluster-'));
  db = makeDatabase(dir);
  sink = await startSmtpSink(join(dir, 'smtp-sink'));
  // One data folder for both nodes, as shared storage would be.
  env = { LOKET_DATA: join(dir, 'data'), LOKET_DB: db.url, LOKET_WILAYAH_DIR: WILAYAH_DIR,
    LOKET_SMTP_URL: `smtp://127.0.0.1:${sink.port}`, LOKET_TRUSTED_PROXIES: '127.0.0.1', LOKET_REFRESH_S: '1' };
  const r = loket(['demo'], env);
  assert.equal(r.status, 0, r.stderr);
  // The nodes' public address is nginx's: its port is picked first, the nodes start,
  // then nginx.
  const [pa, pb, pn] = [await freePort(), await freePort(), await freePort()];
  [nodeA, nodeB] = await Promise.all([pa, pb].map((port) => spawnServe(env, { port, baseUrl: `http://127.0.0.1:${pn}` })));
  nginx = await startNginx(join(dir, 'nginx'), [pa, pb], { port: pn });
  cluster.url = nginx.url;
  cluster.waitForMail = (pred, ms) => waitForMail(sink.dir, pred, ms);
});

after(async () => {
  await nginx?.stop();
  await nodeA?.stop();
  await nodeB?.stop();
  sink?.stop();
  db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const requestsOf = (node) => node.log().split('\n').filter((l) => / msg=request /.test(l));

test('the applicant journey through nginx alternates between the nodes; a session from one works on the other', { skip }, async () => {
  budi = await activeApplicant(cluster, { step1: { username: 'budi.cluster', email: 'budi.cluster@example.com' } });
  const posts = (node) => requestsOf(node).filter((l) => / method=POST /.test(l)).length;
  assert.ok(posts(nodeA) > 0 && posts(nodeB) > 0, `POSTs on both nodes (A ${posts(nodeA)}, B ${posts(nodeB)})`);
  // nginx's request id reached the nodes, and the client address is the one nginx saw.
  assert.ok(requestsOf(nodeA).some((l) => /id=[0-9a-f]{32} ip=127\.0\.0\.1 /.test(l)));
  // The very same cookies, straight to each node.
  for (const node of [nodeA, nodeB]) {
    const r = await fetch(node.url + '/pemohon/profil', { headers: { cookie: budi.cookieHeader() }, redirect: 'manual' });
    assert.equal(r.status, 200, `the session is known to ${node.url}`);
    assert.match(await r.text(), /Budi Santoso/);
  }
});

test('SIGKILL of one node in the middle of submissions: nothing acknowledged is lost, no number is duplicated, every mail arrives', { skip, timeout: 240000 }, async (t) => {
  const drafts = await readyDrafts(budi, 24);
  const acknowledged = new Map();   // draft id -> number
  const lost = [];
  let killed = false, next = 0;
  const submit = async (d) => {
    try {
      const r = await budi.post(`${d.path}/buat`, { csrf: d.csrf });
      const m = r.status === 200 && r.body.match(/class="pm-nomor">([^<]+)</);
      if (m) acknowledged.set(d.id, decode(m[1]));
      else lost.push(d);
    } catch { lost.push(d); }
  };
  // Three applicants' tabs at once; after the eighth number, node A dies.
  await Promise.all([0, 1, 2].map(async () => {
    while (next < drafts.length) {
      const d = drafts[next++];
      await submit(d);
      if (!killed && acknowledged.size >= 8) {
        killed = true;
        nodeA.proc.kill('SIGKILL');
      }
    }
  }));
  assert.ok(killed, 'node A was killed mid-run');
  assert.equal((await nodeA.exited).signal, 'SIGKILL');
  // A lost answer: the applicant clicks Buat again, now served by node B.
  t.diagnostic(`answers lost when node A died: ${lost.length} of ${drafts.length}`);
  for (const d of lost.splice(0)) await submit(d);
  assert.deepEqual(lost, [], 'every draft got its number in the end');
  assert.equal(acknowledged.size, drafts.length);

  const numbers = [...acknowledged.values()];
  assert.equal(new Set(numbers).size, numbers.length, 'no number twice');
  const ids = drafts.map((d) => d.id).join(',');
  const rows = dbSql(db, `SELECT id || ' ' || nomor FROM permohonan WHERE id IN (${ids}) AND nomor IS NOT NULL ORDER BY id`).split('\n');
  assert.equal(rows.length, drafts.length, 'every acknowledged submission exists');
  for (const row of rows) {
    const [id, nomor] = row.split(' ');
    assert.equal(nomor, acknowledged.get(Number(id)), `permohonan ${id} keeps the number it was acknowledged with`);
  }
  assert.equal(dbSql(db, 'SELECT count(*) FROM (SELECT nomor FROM permohonan WHERE nomor IS NOT NULL GROUP BY nomor HAVING count(*) > 1) x'), '0');
  assert.equal(dbSql(db, `SELECT count(*) FROM permohonan_event WHERE kind = 'diajukan' AND permohonan_id IN (${ids})`), String(drafts.length),
    'one submission event each');

  // Every receipt mail, exactly once: the dead node's claimed mails are taken over by
  // node B once their claim runs out (35 s).
  const mailStart = Date.now();
  for (const n of numbers) await waitForMail(sink.dir, (m) => m.body.includes(n), 90000);
  t.diagnostic(`all ${numbers.length} receipt mails within ${((Date.now() - mailStart) / 1000).toFixed(1)} s after the run`);
  // A mail node A handed to the SMTP server just before it died is delivered but still
  // claimed by A in the outbox; node B sends it again once the claim runs out.  Wait for
  // that (the outbox empty), then count the copies.
  const drained = Date.now() + 90000;
  while (dbSql(db, "SELECT count(*) FROM outbox WHERE status <> 'sent'") !== '0' && Date.now() < drained) {
    await new Promise((ok) => setTimeout(ok, 500));
  }
  assert.equal(dbSql(db, "SELECT count(*) FROM outbox WHERE status <> 'sent'"), '0', 'the outbox is empty');
  await new Promise((ok) => setTimeout(ok, 1500));
  // Delivery is at least once (domain/surat/mailer.h): a node killed after the SMTP
  // server took a mail but before the outbox row said so leaves that mail to be sent
  // again by the other node — as the same message, with the same Message-ID, which mail
  // programs collapse.  Only the mails node A had in hand when it died may come twice.
  const mails = readMails(sink.dir);
  let again = 0;
  for (const n of numbers) {
    const copies = mails.filter((m) => m.body.includes(n));
    assert.ok(copies.length >= 1, `a mail for ${n}`);
    assert.equal(new Set(copies.map((m) => m.headers['message-id'])).size, 1, `every copy for ${n} is the same message`);
    again += copies.length - 1;
  }
  t.diagnostic(`mails delivered again after the kill (same Message-ID): ${again}`);
  assert.ok(again <= 8, 'at most the batch node A had claimed');

  // The surviving node serves on, and nginx sends everything there.
  const page = await budi.get('/pemohon/profil');
  assert.equal(page.status, 200);
  const track = await budi.get(`${drafts[0].path}/lacak`);
  assert.equal(track.status, 200);
  assert.ok(track.body.includes(acknowledged.get(drafts[0].id)));
});
