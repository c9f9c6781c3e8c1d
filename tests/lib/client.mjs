// tests/lib/client.mjs — a cookie-keeping HTTP client for integration tests: what a
// browser does with forms, without a browser.
// Every Set-Cookie header of a fetch response.  Headers.getSetCookie() arrived in Node 19.7
// (Debian 12's Node 18 lacks it); there the headers come folded into one string joined by
// ", ", which is split before each "name=" (an Expires date's comma is followed by a digit).
export function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const folded = headers.get('set-cookie');
  return folded ? folded.split(/,\s*(?=[A-Za-z0-9_.-]+=)/) : [];
}

export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); }

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
    const res = await fetch(this.base + path, { redirect: 'manual', headers: { cookie: this.cookieHeader(), ...headers } });
    this.keep(res);
    const body = await res.text();
    return { status: res.status, headers: res.headers, body, location: res.headers.get('location') };
  }

  // Posts a urlencoded form; `fields` is an object or a FormData (multipart).
  async post(path, fields, headers = {}) {
    const isForm = typeof FormData !== 'undefined' && fields instanceof FormData;
    const res = await fetch(this.base + path, {
      method: 'POST', redirect: 'manual', body: isForm ? fields : new URLSearchParams(fields),
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
