// tests/lib/weight.mjs — what a page weighs on the wire (issue 12, page weight): one GET
// as a browser sends it, gzip accepted, and the page's stylesheet and scripts.
import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';

// { status, type, bytes (as sent, compressed or not), text (decoded) } of one GET.
export function wire(base, path, cookie = '') {
  return new Promise((ok, fail) => {
    httpGet(base + path, { headers: { 'accept-encoding': 'gzip', cookie } }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        const raw = Buffer.concat(parts);
        const gzip = res.headers['content-encoding'] === 'gzip';
        ok({ status: res.statusCode, type: res.headers['content-type'] || '', bytes: raw.length,
          text: (gzip ? gunzipSync(raw) : raw).toString() });
      });
    }).on('error', fail);
  });
}

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

// The stylesheets and scripts a page loads.
export const assetsOf = (html) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"|<script[^>]*src="([^"]+)"/g)]
  .map((m) => unescape(m[1] || m[2]));

// Bytes of a first visit: the page and every asset it loads, compressed as sent.
export async function firstVisitBytes(base, path, cookie = '') {
  const page = await wire(base, path, cookie);
  let total = page.bytes;
  for (const a of assetsOf(page.text)) total += (await wire(base, a, cookie)).bytes;
  return total;
}
