// Page weight (issue 12 item 5, SPEC 8: slow links): every page of the demo, reached by
// following links from the menus as an anonymous visitor, as an applicant and as
// officers, weighs under 30 KB compressed on a first visit (the HTML with its stylesheet
// and scripts, as gzip on the wire) and under 5 KB on a repeat visit, when the
// fingerprinted assets are in the browser's cache.  Downloads (PDFs, files) are not pages
// and are not counted; links that change something are never followed (GET only, and
// not Log Out or the language switch).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { Client, DEMO_PASSWORD } from '../lib/client.mjs';
import { submitSip } from '../lib/admin.mjs';
import { wire, assetsOf } from '../lib/weight.mjs';

const FIRST_VISIT = 30 * 1024, REPEAT_VISIT = 5 * 1024, MAX_PAGES = 300;

let srv;
before(async () => { srv = await startServer({ demoPermits: true }); });
after(async () => { await srv?.stop(); });

const wireGet = (path, cookie) => wire(srv.url, path, cookie);
const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

// Links worth following: this site's pages, not downloads and not actions.
const SKIP = [/^\/static\//, /^\/bahasa\//, /^\/logout/, /\/unduh\b/, /\/bukti\b/, /\.pdf$/, /\/berkas\/\d+\/lihat/, /\/formulir\//,
  /\/identitas\b/, /\/file\b/, /\/csv\b/, /[?&]format=csv/, /\/v\//, /\/metrics/, /\/healthz/, /\/api\//, /\/izin\/\d+\/pdf/, /\/lampiran\//];
const pageLinks = (html) => [...html.matchAll(/<a\b[^>]*href="(\/[^"#]*)"/g)].map((m) => unescape(m[1]))
  .filter((h) => !SKIP.some((re) => re.test(h)));

// Crawls from `start` as the holder of `cookie`; returns [{ path, first, repeat }].
async function crawl(start, cookie) {
  const seen = new Set(start), queue = [...start], weights = [], assetBytes = new Map();
  while (queue.length && weights.length < MAX_PAGES) {
    const path = queue.shift();
    const r = await wireGet(path, cookie);
    if (r.status !== 200 || !r.type.startsWith('text/html')) continue;
    const html = r.text;
    let first = r.bytes;
    for (const a of assetsOf(html)) {
      if (!assetBytes.has(a)) assetBytes.set(a, (await wireGet(a, cookie)).bytes);
      first += assetBytes.get(a);
    }
    weights.push({ path, first, repeat: r.bytes });
    for (const l of pageLinks(html)) if (!seen.has(l)) { seen.add(l); queue.push(l); }
  }
  return weights;
}

function check(who, weights) {
  assert.ok(weights.length >= 5, `${who}: crawled ${weights.length} pages`);
  const heaviest = (k) => weights.reduce((m, w) => (w[k] > m[k] ? w : m));
  console.log(`# ${who}: ${weights.length} pages; heaviest first visit ${heaviest('first').path} ${heaviest('first').first} B,` +
    ` heaviest repeat ${heaviest('repeat').path} ${heaviest('repeat').repeat} B`);
  const over = weights.filter((w) => w.first > FIRST_VISIT || w.repeat > REPEAT_VISIT)
    .map((w) => `${w.path}: ${w.first} B first visit, ${w.repeat} B repeat`);
  assert.deepEqual(over, [], `${who}: pages over 30 KB (first visit) or 5 KB (repeat visit)`);
}

async function loggedIn(username) {
  const c = new Client(srv.url);
  assert.equal((await c.login(username, DEMO_PASSWORD)).status, 303, `log-in of ${username}`);
  return c;
}

test('every public page is under 30 KB on a first visit and 5 KB on a repeat visit', async () => {
  check('visitor', await crawl(['/'], ''));
});

test('every page of an applicant with applications and permits is within the budget', async () => {
  const demo = await loggedIn('pemohon.demo');
  await submitSip(demo);   // an application in the workflow, with tracking, beside the demo permits
  const weights = await crawl(['/', '/pemohon/profil'], demo.cookieHeader());
  assert.ok(weights.some((w) => /\/lacak$/.test(w.path)), 'a tracking page was reached');
  check('applicant', weights);
});

test('every page of the officers (Admin Instansi, Verifikator, Front Office) is within the budget', async () => {
  for (const who of ['admin.pangkalpinang', 'verifikator.pangkalpinang', 'fo.pangkalpinang']) {
    const officer = await loggedIn(who);
    check(who, await crawl(['/', '/petugas/inbox'], officer.cookieHeader()));
  }
});
