// tests/lib/preflight.mjs — run by scripts/test.sh before any node test: checks that this
// Node.js has what the integration and browser tests rely on, and stops with one clear
// line naming what is missing (instead of a hundred failures that all look alike).
import { setCookies } from './client.mjs';

const missing = [];
const [major] = process.versions.node.split('.').map(Number);
if (major < 18) missing.push(`Node.js 18 or newer (this is ${process.versions.node})`);
for (const name of ['fetch', 'FormData', 'Blob', 'Headers', 'URLSearchParams', 'AbortSignal']) {
  if (typeof globalThis[name] === 'undefined') missing.push(`global ${name}`);
}
if (typeof AbortSignal?.timeout !== 'function') missing.push('AbortSignal.timeout()');
try { await import('node:test'); } catch { missing.push('the node:test runner'); }
// Cookies must survive with and without Headers.getSetCookie() (Node 18 lacks it).
if (typeof Headers !== 'undefined') {
  const h = new Headers();
  h.append('set-cookie', 'sid=abc; Path=/; HttpOnly');
  h.append('set-cookie', 'old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0');
  const got = setCookies(h).map((c) => c.split('=')[0]);
  if (got.join(',') !== 'sid,old') missing.push(`Set-Cookie headers read back as [${got}]`);
}
if (missing.length) {
  console.error(`preflight: this Node.js (${process.execPath}, ${process.versions.node}) lacks: ${missing.join('; ')}`);
  process.exit(1);
}
