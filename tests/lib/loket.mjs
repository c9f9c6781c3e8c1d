// tests/lib/loket.mjs — the counter service through the real pages, without a browser:
// a Front Office officer registers a walk-in applicant and hands over the password.
import assert from 'node:assert/strict';
import { Client, DEMO_PASSWORD } from './client.mjs';
import { STEP1, STEP2, STEP3, JPEG } from './registrasi.mjs';
import { csrfOf } from './permohonan.mjs';

// A walk-in's data: the wizard's fields without Instansi (the officer's own).
export const WALKIN = (() => {
  const { instansi, ...step1 } = STEP1;
  return { ...step1, username: 'rahmat.hidayat', nama: 'Rahmat Hidayat', email: 'rahmat@example.com', ...STEP2,
    no_identitas: '1971011203850004', tanggal_lahir: '1985-03-12', ...STEP3 };
})();

// An officer's client, logged in; its draft pages take their CSRF token from the counter.
export async function officer(url, username) {
  const c = new Client(url);
  const r = await c.login(username, DEMO_PASSWORD);
  assert.equal(r.status, 303, `log-in of ${username}`);
  c.csrfPage = '/petugas/loket';
  return c;
}

// Posts the counter's registration form (multipart, as the page sends it).
export async function postWalkIn(fo, fields, { file = { bytes: JPEG, type: 'image/jpeg', name: 'ktp.jpg' }, aksi = 'daftar', csrf } = {}) {
  const token = csrf ?? csrfOf((await fo.get('/petugas/loket/pemohon/baru')).body);
  const form = new FormData();
  form.append('csrf', token);
  form.append('aksi', aksi);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('lampiran', new Blob([file.bytes], { type: file.type }), file.name);
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const res = await fetch(fo.base + '/petugas/loket/pemohon/baru', { method: 'POST', redirect: 'manual',
    body: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: fo.cookieHeader(), 'content-type': encoded.headers.get('content-type') } });
  fo.keep(res);
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

// Registers a walk-in; returns the applicant's counter page address and id.
export async function registerWalkIn(fo, fields = {}) {
  const r = await postWalkIn(fo, { ...WALKIN, ...fields });
  assert.equal(r.status, 303, 'walk-in registered: ' + (r.body.match(/<li><a href="#[^"]+">[^<]*<\/a><\/li>/g) || []).join(' '));
  assert.match(r.location, /^\/petugas\/loket\/pemohon\/\d+\?terdaftar=1$/);
  const path = r.location.split('?')[0];
  return { path, id: Number(path.split('/').pop()) };
}

// Prints the handover sheet: the PDF's bytes.
export async function printSheet(fo, path) {
  const csrf = csrfOf((await fo.get(path)).body);
  const res = await fetch(fo.base + path + '/lembar', { method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ csrf }), headers: { cookie: fo.cookieHeader() } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}
