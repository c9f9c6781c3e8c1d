// bench/cluster_bench.mjs NGINX_STATIC_URL SECONDS — scale-out on PostgreSQL (issue 11):
// the jenis izin page and application submissions (Buat) through nginx with one and with
// two `loket serve` processes, each beside nginx serving the same page as a static file
// (NGINX_STATIC_URL, started by bench/run.sh) in the same run.  Needs LOKET_TEST_PG_URL.
// Prints one line per figure and the ratios 2-node ÷ 1-node.  Noisy on a shared machine:
// only the ratios of one run mean something.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loket, makeDatabase, spawnServe, freePort, waitForMail, WILAYAH_DIR } from '../tests/lib/harness.mjs';
import { startNginx } from '../tests/lib/nginx.mjs';
import { activeApplicant } from '../tests/lib/registrasi.mjs';
import { readyDrafts } from '../tests/lib/permohonan.mjs';

const [staticUrl, seconds = '10'] = process.argv.slice(2);
const PAGE = '/katalog/kota-pangkalpinang/sip-dokter';
const WORKERS = 4, PER_WORKER = 6;

function wrk(url) {
  const out = execFileSync('wrk', ['-t2', '-c32', `-d${seconds}s`, url], { encoding: 'utf8' });
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]);
  if (/Non-2xx/.test(out)) process.stderr.write('warning: non-2xx answers from ' + url + '\n');
  return rps;
}

// Each applicant submits its prepared drafts one after another, all applicants at
// once, through `base`: Buat per second.
async function submissions(work, base) {
  const t0 = process.hrtime.bigint();
  let done = 0;
  await Promise.all(work.map(async ({ c, drafts }) => {
    for (const d of drafts) {
      const r = await fetch(base + `${d.path}/buat`, { method: 'POST', redirect: 'manual',
        body: new URLSearchParams({ csrf: d.csrf }), headers: { cookie: c.cookieHeader() } });
      await r.text();
      if (r.status !== 200) throw new Error('Buat answered ' + r.status);
      done++;
    }
  }));
  return done / (Number(process.hrtime.bigint() - t0) / 1e9);
}

const dir = mkdtempSync(join(tmpdir(), 'loket-cluster-bench-'));
const db = makeDatabase(dir);
if (db.kind !== 'pg') throw new Error('set LOKET_TEST_PG_URL: the cluster benchmark runs on PostgreSQL');
const env = { LOKET_DATA: join(dir, 'data'), LOKET_DB: db.url, LOKET_WILAYAH_DIR: WILAYAH_DIR, LOKET_ACCESS_LOG: 'off',
  LOKET_TRUSTED_PROXIES: '127.0.0.1' };
const stops = [];
try {
  const r = loket(['demo'], env);
  if (r.status !== 0) throw new Error(r.stderr);
  const [pa, pb, n1, n2] = [await freePort(), await freePort(), await freePort(), await freePort()];
  // Both nodes and both nginx run throughout: nginx1 sends everything to node A, nginx2
  // spreads over A and B.  Sessions are in the database, so one applicant's cookies work
  // through either.
  for (const port of [pa, pb]) stops.push(await spawnServe(env, { port, baseUrl: `http://127.0.0.1:${n2}` }));
  const one = await startNginx(join(dir, 'nginx1'), [pa], { port: n1 });
  const two = await startNginx(join(dir, 'nginx2'), [pa, pb], { port: n2 });
  stops.push(one, two);
  const applicants = [];
  for (let w = 0; w < WORKERS; w++)
    applicants.push(await activeApplicant({ url: two.url, waitForMail: waitMail(env.LOKET_DATA) },
      { step1: { username: `cluster.bench${w}`, email: `cluster.bench${w}@example.com` } }));
  const rounds = [];
  for (let i = 0; i < 2; i++) {
    const work = [];
    for (const c of applicants) work.push({ c, drafts: await readyDrafts(c, PER_WORKER) });
    rounds.push(work);
  }
  const staticRps = wrk(staticUrl);
  const page1 = wrk(one.url + PAGE);
  const page2 = wrk(two.url + PAGE);
  const buat1 = await submissions(rounds[0], one.url);
  const buat2 = await submissions(rounds[1], two.url);

  const x = (a, b) => (a / b).toFixed(2);
  console.log(`nginx static, the same page: ${staticRps.toFixed(0)} req/s`);
  console.log(`jenis izin page via nginx: 1 node ${page1.toFixed(0)} req/s (${x(page1, staticRps)}x static), ` +
    `2 nodes ${page2.toFixed(0)} req/s (${x(page2, staticRps)}x static); 2-node / 1-node = ${x(page2, page1)}`);
  console.log(`Buat (${WORKERS} applicants x ${PER_WORKER}): 1 node ${buat1.toFixed(1)}/s (${(buat1 / staticRps * 1000).toFixed(2)} per 1000 static req), ` +
    `2 nodes ${buat2.toFixed(1)}/s (${(buat2 / staticRps * 1000).toFixed(2)} per 1000); 2-node / 1-node = ${x(buat2, buat1)}`);
} finally {
  for (const s of stops.reverse()) await s.stop();
  db.drop();
  rmSync(dir, { recursive: true, force: true });
}

// Without SMTP the mails are .eml files in DATA/mail.
function waitMail(dataDir) {
  return (pred, ms) => waitForMail(join(dataDir, 'mail'), pred, ms);
}
