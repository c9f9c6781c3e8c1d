// bench/permohonan_bench.mjs WWW_DIR SECONDS — the application benchmarks (SPEC 4.8):
//   1. server memory growth (peak RSS) while 100 MB of uploads stream in;
//   2. Buat of an application carrying 5 × 1 MB files (upload + tick + submit), 4
//      applicants at once: p50, p99, applications/s;
//   3. the tracking page: writes its bytes to WWW_DIR/lacak.html for nginx and prints
//      "TRACK <port> <cookie> <path>" so bench/run.sh can measure it with wrk beside nginx.
// Starts its own loket with the demo data (tests/lib/harness.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../tests/lib/harness.mjs';
import { activeApplicant, JPEG } from '../tests/lib/registrasi.mjs';
import { tambah, step, chooseSip, uploadFor, rows, ticks, saveAll, buat, SIP_TEKNIS, LOKASI } from '../tests/lib/permohonan.mjs';

const [www, seconds = '10'] = process.argv.slice(2);
const MB = 1024 * 1024;
// A 1 MB PDF: a real header and trailer around a comment block.
const bigPdf = Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(MB - 64, 'x'),
  Buffer.from('\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')]);

const srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off', LOKET_MAX_UPLOAD_MB: '2' } });
const statusKb = (key) => Number(readFileSync(`/proc/${srv.proc.pid}/status`, 'utf8').match(new RegExp(key + ':\\s+(\\d+)'))[1]);
const peakKb = () => statusKb('VmHWM');
const q = (xs, p) => xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(0) : 'n/a';
try {
  // One applicant per concurrent worker: an applicant's untouched draft is reused by Tambah.
  const applicants = [];
  for (let w = 0; w < 4; w++)
    applicants.push(await activeApplicant(srv, { step1: { username: `bench.pemohon${w}`, nama: ['Adi Saputra', 'Budi Hartono', 'Citra Lestari', 'Dewi Anggraini'][w],
      email: `bench.pemohon${w}@example.com` } }));
  const c0 = applicants[0];

  // 100 MB of uploads into the locker first, 4 at a time, on a server that has served
  // only log-ins so far: how much its peak memory grows.
  const before = peakKb(), rssBefore = statusKb('VmRSS');
  let sent = 0;
  await Promise.all(applicants.map(async (c) => {
    const csrf = (await c.get('/pemohon/dokumen')).body.match(/name="csrf" value="([^"]+)"/)[1];
    while (sent < 100) {
      sent++;
      const form = new FormData();
      form.append('csrf', csrf);
      form.append('jenis_dokumen', 'Dokumen uji');
      form.append('berkas', new Blob([bigPdf], { type: 'application/pdf' }), 'uji.pdf');
      const r = await fetch(srv.url + '/pemohon/dokumen', { method: 'POST', body: form, redirect: 'manual', headers: { cookie: c.cookieHeader() } });
      if (r.status >= 400) throw new Error('locker upload ' + r.status);
    }
  }));
  console.log(`peak RSS growth while 100 MB of uploads streamed in: ${((peakKb() - before) / 1024).toFixed(1)} MB ` +
    `(target < 10 MB; resident ${(rssBefore / 1024).toFixed(1)} → ${(statusKb('VmRSS') / 1024).toFixed(1)} MB)`);

  // One complete application: five requirements get a fresh 1 MB file, the others reuse
  // documents already in the locker.
  const reuse = new Map();   // per applicant: a document already in the locker
  async function submitOne(c) {
    const d = await tambah(c);
    await chooseSip(c, d.path);
    const firstStep = (await c.get(d.path)).body;
    const page = (await c.get(step(d.path, 'persyaratan'))).body;
    const docs = {};
    let fresh = 0;
    for (const row of rows(page).filter((x) => x.wajib)) {
      if (/pas foto/i.test(row.name)) {   /* photos only: a small JPEG */
        const r = await uploadFor(c, d.path, row.pid, { bytes: JPEG, type: 'image/jpeg', name: 'foto.jpg' }, { json: true });
        if (r.status !== 200) throw new Error('upload ' + r.status + ' ' + r.body.slice(0, 200));
        docs[row.pid] = JSON.parse(r.body).dokumen;
      } else if (fresh < 5 || !reuse.get(c)) {
        const r = await uploadFor(c, d.path, row.pid, { bytes: bigPdf, type: 'application/pdf', name: 'syarat.pdf' }, { json: true });
        if (r.status !== 200) throw new Error('upload ' + r.status + ' ' + r.body.slice(0, 200));
        docs[row.pid] = JSON.parse(r.body).dokumen;
        fresh++;
      } else {
        docs[row.pid] = reuse.get(c);
      }
    }
    if (!reuse.get(c)) reuse.set(c, Object.entries(docs).find(([pid]) => !/pas foto/i.test(rows(page).find((x) => x.pid === pid).name))[1]);
    const fields = { jenis_permohonan: 'baru', tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...ticks((await c.get(step(d.path, 'persyaratan'))).body, docs) };
    const choice = firstStep.match(/<select id="instansi"[\s\S]*?<option value="([^"]+)" selected>/);
    if (choice) fields.instansi = choice[1];
    for (const id of ['unit', 'jenis_izin']) {
      const m = firstStep.match(new RegExp(`<select id="${id}"[\\s\\S]*?<option value="([^"]+)" selected>`));
      if (m) fields[id] = m[1];
    }
    await saveAll(c, d.path, fields);
    const r = await buat(c, d.path);
    if (!/telah selesai dibuat/.test(r.body)) throw new Error('Buat refused: ' + r.status + ' ' + r.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300));
    return d;
  }

  const first = await submitOne(c0);
  const latencies = [];
  let done = 0, failed = 0;
  const end = Date.now() + Number(seconds) * 1000;
  const t0 = performance.now();
  await Promise.all(applicants.map(async (c) => {
    while (Date.now() < end) {
      const s = performance.now();
      try { await submitOne(c); latencies.push(performance.now() - s); done++; } catch (e) { failed++; if (failed === 1) console.error(e.message); }
    }
  }));
  latencies.sort((a, b) => a - b);
  console.log(`applications with 5 × 1 MB files: ok=${done} failed=${failed} rate=${(done / ((performance.now() - t0) / 1000)).toFixed(2)}/s ` +
    `p50=${q(latencies, 0.5)}ms p99=${q(latencies, 0.99)}ms (whole Tambah → Buat, 4 applicants at once)`);

  // The tracking page, for wrk beside nginx.
  const lacak = `/pemohon/permohonan/${first.id}/lacak`;
  const page = await c0.get(lacak);
  writeFileSync(join(www, 'lacak.html'), page.body);
  console.log(`TRACK ${srv.port} sid=${c0.cookies.get('sid')} ${lacak}`);
  await new Promise((ok) => process.stdin.once('data', ok));   // run.sh says when wrk is done
} finally {
  await srv.stop();
}
