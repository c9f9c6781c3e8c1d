// bench/login_load.mjs URL RATE SECONDS — performs RATE complete log-ins per second
// (GET /login for the CSRF token, then POST /login with a demo officer's password) for
// SECONDS, and prints how many succeeded, how many were told to try again (503, the
// bounded queue of the hashing pool), and the median and p99 latency of all answers.
import { Client, DEMO_PASSWORD } from '../tests/lib/client.mjs';

const [url, rate = '20', seconds = '10'] = process.argv.slice(2);
const users = ['admin', 'fo', 'verifikator', 'teknis', 'bendahara', 'kadis', 'penyerahan']
  .flatMap((p) => [`${p}.pangkalpinang`, `${p}.muaraenim`]);
const latencies = [];
let ok = 0, failed = 0, busy = 0, i = 0;
const other = new Map();
const pending = [];
const end = Date.now() + Number(seconds) * 1000;
const timer = setInterval(() => {
  if (Date.now() >= end) { clearInterval(timer); return; }
  const user = users[i++ % users.length];
  pending.push((async () => {
    const c = new Client(url);
    const t0 = performance.now();
    try {
      const r = await c.login(user, DEMO_PASSWORD);
      latencies.push(performance.now() - t0);
      if (r.status === 303) ok++;
      else if (r.status === 503) busy++;
      else { failed++; other.set(r.status, (other.get(r.status) || 0) + 1); }
    } catch (e) { failed++; other.set(e.code || e.message, (other.get(e.code || e.message) || 0) + 1); }
  })());
}, 1000 / Number(rate));
await new Promise((done) => setTimeout(done, Number(seconds) * 1000 + 100));
await Promise.all(pending);
latencies.sort((a, b) => a - b);
const q = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1) : 'n/a';
console.log(`logins ok=${ok} busy503=${busy} failed=${failed}${other.size ? ' (' + [...other].map(([k, v]) => `${k}: ${v}`).join(', ') + ')' : ''} rate=${(ok / Number(seconds)).toFixed(1)}/s p50=${q(0.5)}ms p99=${q(0.99)}ms`);
