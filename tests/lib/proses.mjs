// tests/lib/proses.mjs — driving the back office through its real pages, without a
// browser: an applicant's submitted SIP Dokter application, officers logging in, the
// officer's application page (its version and current step), the actions, the requirement
// check, tinjau lapangan and perbaikan.  For the workflow tests and the benchmark.
import assert from 'node:assert/strict';
import { Client, DEMO_PASSWORD } from './client.mjs';
import { PDF, csrfOf, decode, tambah, chooseSip, uploadAll, ticks, saveAll, buat, LOKASI, SIP_TEKNIS, form } from './permohonan.mjs';

// A submitted SIP Dokter application of the applicant: { id, path, nomor, docs }.
export async function submitSip(c, docs = null) {
  const d = await tambah(c);
  const choice = await chooseSip(c, d.path);
  docs = docs || await uploadAll(c, d.path);
  const page = (await c.get(d.path)).body;
  let r = await saveAll(c, d.path, { ...choice, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...ticks(page, docs) });
  assert.equal(r.status, 303, 'Simpan');
  r = await buat(c, d.path);
  assert.equal(r.status, 200, 'Buat');
  const nomor = decode(r.body.match(/class="pm-nomor">([^<]+)</)[1]);
  return { id: d.id, path: d.path, nomor, docs };
}

export async function officer(srv, username) {
  const c = new Client(srv.url);
  const r = await c.login(username, DEMO_PASSWORD);
  assert.equal(r.status, 303, `${username} logs in`);
  c.username = username;
  return c;
}

// The officer's page of an application: { status, body, versi, tahap, csrf }.
export async function berkas(c, id) {
  const r = await c.get(`/petugas/permohonan/${id}`);
  const versi = r.body.match(/name="versi" value="(\d+)"/);
  const tahap = r.body.match(/name="tahap" value="(\d+)"/);
  const csrf = r.body.match(/name="csrf" value="([^"]+)"/);
  return { status: r.status, body: r.body, versi: versi && versi[1], tahap: tahap && tahap[1], csrf: csrf && csrf[1] };
}

// Posts an action from the page as it is now (or with `over` replacing fields such as a
// stale versi); `fields` may hold arrays for repeated fields.
export async function act(c, id, aksi, fields = {}, over = {}) {
  const p = await berkas(c, id);
  assert.ok(p.csrf, `a form on the page of ${id} for ${c.username}`);
  return c.post(`/petugas/permohonan/${id}/aksi`, form({ csrf: p.csrf, versi: p.versi ?? '0', tahap: p.tahap ?? '1', aksi, ...fields, ...over }));
}

// The requirement ids on the officer's page.
export const syaratIds = (body) => [...new Set([...body.matchAll(/<li class="card" id="syarat-(\d+)"/g)].map((m) => m[1]))];

// Every requirement sesuai (or `bad` tidak sesuai with a note).
export async function checkAll(c, id, { bad = null, note = 'Scan buram, unggah ulang.' } = {}) {
  const p = await berkas(c, id);
  const ids = syaratIds(p.body);
  const fields = { syarat: ids };
  for (const pid of ids) {
    fields[`cek_${pid}`] = pid === bad ? 'tidak_sesuai' : 'sesuai';
    fields[`cek_note_${pid}`] = pid === bad ? note : '';
  }
  return act(c, id, 'periksa', fields);
}

// A multipart post of one file with extra fields, the way a browser sends it.
export async function postFile(c, path, fields, fileField, file) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append(fileField, new Blob([file.bytes], { type: file.type }), file.name);
  const encoded = new Request('http://x/', { method: 'POST', body: f });
  const res = await fetch(`${c.base}${path}`, { method: 'POST', redirect: 'manual', body: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: c.cookieHeader(), 'content-type': encoded.headers.get('content-type') } });
  c.keep(res);
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

// Tinjau lapangan: the date and a PDF report.
export async function tinjau(c, id, jadwal = '2026-12-10') {
  const p = await berkas(c, id);
  return postFile(c, `/petugas/permohonan/${id}/tinjau`, { csrf: p.csrf, versi: p.versi, tahap: p.tahap, jadwal }, 'laporan',
    { bytes: PDF, type: 'application/pdf', name: 'laporan-tinjau.pdf' });
}

// The applicant replaces one requirement's file during perbaikan.
export async function ganti(c, id, pid, file = { bytes: PDF, type: 'application/pdf', name: 'pengganti.pdf' }) {
  const csrf = csrfOf((await c.get(`/pemohon/permohonan/${id}/perbaikan`)).body);
  return postFile(c, `/pemohon/permohonan/${id}/perbaikan/${pid}`, { csrf }, 'berkas', file);
}

export async function kirimPerbaikan(c, id) {
  const csrf = csrfOf((await c.get('/pemohon/profil')).body);
  return c.post(`/pemohon/permohonan/${id}/perbaikan/kirim`, { csrf });
}

export { DEMO_PASSWORD };
