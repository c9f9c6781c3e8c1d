// bench/registration_load.mjs URL SECONDS CONCURRENCY — complete registrations through the
// real four-step wizard (GET, step 1, step 2 with a JPEG scan, Daftar), as fast as
// CONCURRENCY applicants can go for SECONDS; prints registrations/s and latencies of
// the whole wizard.
import { Pemohon } from '../tests/lib/registrasi.mjs';

const [url, seconds = '10', concurrency = '8'] = process.argv.slice(2);
const end = Date.now() + Number(seconds) * 1000;
const latencies = [];
let ok = 0, failed = 0, n = 0;

async function worker(w) {
  while (Date.now() < end) {
    const i = n++;
    const p = new Pemohon(url);
    const t0 = performance.now();
    try {
      await p.register({ username: `bench.${w}.${i}`, email: `bench.${w}.${i}@example.com` });
      latencies.push(performance.now() - t0);
      ok++;
    } catch { failed++; }
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: Number(concurrency) }, (_, w) => worker(w)));
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1) : 'n/a';
console.log(`registrations ok=${ok} failed=${failed} rate=${(ok / elapsed).toFixed(1)}/s wizard p50=${q(0.5)}ms p99=${q(0.99)}ms (4 requests each, concurrency ${concurrency})`);
