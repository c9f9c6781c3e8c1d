// tests/lib/admin.mjs — helpers for the tests of Admin Instansi's pages: reading a form
// off a page the way a browser would submit it, posting it with changes, and submitting
// an application of SIP Dokter through the applicant's real pages.
import assert from 'node:assert/strict';
import { Client, DEMO_PASSWORD } from './client.mjs';
import { decode, tambah, chooseSip, uploadAll, saveAll, ticks, buat, LOKASI, SIP_TEKNIS } from './permohonan.mjs';

const attrs = (tag) => Object.fromEntries([...tag.matchAll(/([a-z_:-]+)(?:="([^"]*)")?/gi)].slice(1)
  .map((m) => [m[1].toLowerCase(), m[2] === undefined ? true : decode(m[2])]));

// The fields of the form whose action is `action` (the first one when several share it),
// as the browser would send them: [[name, value], …].
export function formFields(html, action) {
  const forms = [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]);
  const f = forms.find((x) => attrs(x.match(/<form\b[^>]*>/)[0]).action === action);
  assert.ok(f, `a form posting to ${action}; forms: ${forms.map((x) => attrs(x.match(/<form\b[^>]*>/)[0]).action).join(', ')}`);
  const out = [];
  for (const m of f.matchAll(/<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>/g)) {
    const tag = m[0];
    const a = attrs(tag.match(/^<[a-z]+\b[^>]*>/)[0]);
    if (!a.name || a.disabled) continue;
    if (tag.startsWith('<input')) {
      const type = (a.type || 'text').toLowerCase();
      if ((type === 'checkbox' || type === 'radio') && !a.checked) continue;
      if (type === 'submit' || type === 'file') continue;
      out.push([a.name, a.value === true || a.value === undefined ? (type === 'checkbox' ? 'on' : '') : a.value]);
    } else if (tag.startsWith('<select')) {
      const opts = [...tag.matchAll(/<option\b[^>]*>/g)].map((o) => attrs(o[0]));
      const sel = opts.find((o) => o.selected) || opts[0];
      out.push([a.name, sel ? String(sel.value ?? '') : '']);
    } else {
      out.push([a.name, decode(m[1] || '')]);
    }
  }
  return out;
}

// Posts the form at `action` as shown on `page`, with `changes` applied: a value replaces
// every field of that name (an array gives several), null removes the field.
export async function submitForm(client, page, action, changes = {}) {
  const fields = formFields(page, action).filter(([k]) => !(k in changes));
  const body = new URLSearchParams(fields);
  for (const [k, v] of Object.entries(changes)) if (v !== null) for (const x of [].concat(v)) body.append(k, x);
  return client.post(action, body);
}

export async function officer(srv, username = 'admin.pangkalpinang', password = DEMO_PASSWORD) {
  const c = new Client(srv.url);
  const r = await c.login(username, password);
  assert.equal(r.status, 303, `log-in of ${username}`);
  return c;
}

// The summary of errors on a page: the texts of its items.
export const summary = (html) => [...(html.match(/<div class="summary-err"[\s\S]*?<\/div>/)?.[0] || '')
  .matchAll(/<li>(?:<a[^>]*>)?([\s\S]*?)(?:<\/a>)?<\/li>/g)].map((m) => decode(m[1].replace(/<[^>]+>/g, '')));

// Submits a complete SIP Dokter (Baru) of Kota Pangkalpinang for `applicant`; returns
// { id, path, nomor }.  `extra`: more fields of the draft form (data teknis added later).
export async function submitSip(applicant, extra = {}) {
  const d = await tambah(applicant);
  const choice = await chooseSip(applicant, d.path);
  const docs = await uploadAll(applicant, d.path);
  const page = (await applicant.get(d.path)).body;
  let r = await saveAll(applicant, d.path, { ...choice, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...extra, ...ticks(page, docs) });
  assert.equal(r.status, 303, 'Simpan');
  r = await buat(applicant, d.path);
  assert.equal(r.status, 200, 'Buat');
  assert.match(r.body, /Permohonan Izin telah selesai dibuat/, 'Buat: ' + (r.body.match(/Yang belum lengkap:[\s\S]*?<\/ul>/) || [''])[0]);
  return { id: d.id, path: d.path, nomor: decode(r.body.match(/class="pm-nomor">([^<]+)</)[1]) };
}
