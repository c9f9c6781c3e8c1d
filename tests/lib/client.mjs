// tests/lib/client.mjs — a cookie-keeping HTTP client for integration tests: what a
// browser does with forms, without a browser.
import http from 'node:http';

// Every Set-Cookie header of a fetch response.  Headers.getSetCookie() arrived in Node 19.7
// (Debian 12's Node 18 lacks it); there the headers come folded into one string joined by
// ", ", which is split before each "name=" (an Expires date's comma is followed by a digit).
export function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const folded = headers.get('set-cookie');
  return folded ? folded.split(/,\s*(?=[A-Za-z0-9_.-]+=)/) : [];
}

// One request over node:http from a chosen loopback source address (127.0.0.x), so the
// server sees a distinct client; answers in the shape of a fetch Response.
function requestFrom(from, url, { method = 'GET', body, headers = {} }) {
  return new Promise((ok, fail) => {
    const rq = http.request(url, { method, headers, localAddress: from, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) for (const one of [].concat(v)) h.append(k, one);
        const text = Buffer.concat(chunks).toString('utf8');
        ok({ status: res.statusCode, headers: h, text: async () => text });
      });
    });
    rq.on('error', fail);
    if (body) rq.write(body);
    rq.end();
  });
}

export class Client {
  // from: a source address such as '127.0.0.7' (urlencoded forms only), else fetch.
  constructor(base, { from } = {}) { this.base = base; this.cookies = new Map(); this.from = from; }

  fetch(path, opts) {
    if (!this.from) return fetch(this.base + path, { redirect: 'manual', ...opts });
    const body = opts.body === undefined ? undefined : String(opts.body);
    const headers = { ...opts.headers };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return requestFrom(this.from, this.base + path, { ...opts, body, headers });
  }

  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }

  keep(res) {
    for (const c of setCookies(res.headers)) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i), value = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || value === '') this.cookies.delete(name); else this.cookies.set(name, value);
    }
  }

  async get(path, headers = {}) {
    const res = await this.fetch(path, { headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, location: res.headers.get('location') };
  }

  // Posts a urlencoded form; `fields` is an object or a FormData (multipart).
  async post(path, fields, headers = {}) {
    const isForm = typeof FormData !== 'undefined' && fields instanceof FormData;
    const res = await this.fetch(path, {
      method: 'POST', body: isForm ? fields : new URLSearchParams(fields),
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.keep(res);
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, location: res.headers.get('location') };
  }

  // The CSRF token of the form on a page (fetching the page first).
  async csrf(path) {
    const page = await this.get(path);
    const m = page.body.match(/name="csrf" value="([^"]+)"/);
    if (!m) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return m[1];
  }

  async login(username, password, next = '/') {
    const csrf = await this.csrf('/login');
    return this.post('/login', { csrf, username, password, next });
  }
}

export const DEMO_PASSWORD = 'demo-loket-2026';
