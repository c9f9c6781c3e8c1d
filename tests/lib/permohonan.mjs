// tests/lib/permohonan.mjs — filling in and submitting a new application (Tambah → Buat)
// through the real pages, without a browser: for the application tests and the benchmark.
// Every function takes the applicant's Client (tests/lib/client.mjs).
import assert from 'node:assert/strict';
import { JPEG } from './registrasi.mjs';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
  'trailer<</Root 1 0 R>>\n%%EOF\n');

export const csrfOf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];
export const decode = (s) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

// The options of a select on a page: [{ value, label, selected }].
export function options(html, id) {
  const m = html.match(new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`));
  assert.ok(m, `a select #${id}`);
  return [...m[1].matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)]
    .map((o) => ({ value: o[1], selected: !!o[2], label: decode(o[3]) }));
}
export const optionValue = (html, id, label) => {
  const o = options(html, id).find((x) => x.label.includes(label));
  assert.ok(o, `option "${label}" in #${id}: ${options(html, id).map((x) => x.label).join(' | ')}`);
  return o.value;
};
// The requirement rows of a page: [{ pid, name, wajib }].
export const rows = (html) => [...html.matchAll(/<li class="syarat" id="syarat-(\d+)" data-wajib="([01])">[\s\S]*?<h3[^>]*>([^<]*)/g)]
  .map((m) => ({ pid: m[1], wajib: m[2] === '1', name: decode(m[3]).trim() }));
export const buatDisabled = (html) => {
  assert.match(html, /id="buat"/, 'the Periksa page with Buat');
  return /<button type="submit" name="aksi" value="buat" id="buat"[^>]*\sdisabled/.test(html);
};

// Opens Tambah (which stores nothing) and makes the first save, which creates the draft:
// the new draft's address (without the step) and its first step's page.
export async function tambah(c, fields = {}) {
  const blank = await c.get('/pemohon/permohonan/baru');
  assert.equal(blank.status, 200);
  const r = await c.post('/pemohon/permohonan/baru', { csrf: csrfOf(blank.body), draft: '1', langkah: 'permohonan', aksi: 'simpan', ...fields });
  assert.equal(r.status, 303);
  const m = r.location.match(/^(\/pemohon\/permohonan\/(\d+))\?langkah=permohonan/);
  assert.ok(m, r.location);
  const page = await c.get(r.location);
  assert.equal(page.status, 200);
  return { path: m[1], id: Number(m[2]), page: page.body };
}
// A step of a draft: "permohonan", "pemohon", "data-teknis", "persyaratan", "periksa".
export const step = (path, name) => `${path}?langkah=${name}`;

// Posts the draft form the way the page does (fields the page shows; more may be given).
export async function save(c, path, fields, aksi = 'simpan') {
  const csrf = csrfOf((await c.get(c.csrfPage || '/pemohon/profil')).body);
  return c.post(path, { csrf, draft: '1', aksi, ...fields });
}

export async function uploadFor(c, path, pid, file, { json = false } = {}) {
  const csrf = csrfOf((await c.get('/pemohon/profil')).body);
  const form = new FormData();
  form.append('csrf', csrf);
  form.append('berkas', new Blob([file.bytes], { type: file.type || 'application/octet-stream' }), file.name);
  const encoded = new Request('http://x/', { method: 'POST', body: form });
  const res = await fetch(`${c.base}${path}/syarat/${pid}`, { method: 'POST', redirect: 'manual',
    body: Buffer.from(await encoded.arrayBuffer()),
    headers: { cookie: c.cookieHeader(), 'content-type': encoded.headers.get('content-type'), ...(json ? { accept: 'application/json' } : {}) } });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

export const SIP_TEKNIS = {
  dt_jenis_dokter: 'Dokter', dt_no_str: 'STR-1234567890', dt_sip_ke: 'SIP ke-1', dt_nama_fasyankes: 'Klinik Sehat Bersama',
  dt_alamat_praktik: 'Jl. Merdeka No. 5, Pangkalpinang', dt_jadwal_praktik: 'Senin–Jumat 16.00–20.00',
};
export const LOKASI = { lokasi_nama: 'Klinik Sehat Bersama', lokasi_alamat: 'Jl. Merdeka No. 5, Kota Pangkalpinang' };

// The catalogue choices of Kota Pangkalpinang's SIP Dokter (or another jenis izin by its
// label), read off the pages through the no-JavaScript cascade ("Pilih").
export async function chooseSip(c, path, jp = 'baru', jenisLabel = 'Surat Izin Praktik Dokter') {
  let page = (await c.get(path)).body;
  const instansi = optionValue(page, 'instansi', 'Kota Pangkalpinang');
  let r = await save(c, path, { jenis_permohonan: jp, instansi, tipe_pemohon: 'perorangan' }, 'pilih');
  assert.equal(r.status, 303, 'Pilih Instansi');
  page = (await c.get(path)).body;
  const unit = optionValue(page, 'unit', 'Dinas');
  r = await save(c, path, { jenis_permohonan: jp, instansi, unit }, 'pilih');
  assert.equal(r.status, 303, 'Pilih Unit');
  page = (await c.get(path)).body;
  const jenis = optionValue(page, 'jenis_izin', jenisLabel);
  r = await save(c, path, { jenis_permohonan: jp, instansi, unit, jenis_izin: jenis }, 'pilih');
  assert.equal(r.status, 303, 'Pilih Jenis Izin');
  return { instansi, unit, jenis_izin: jenis, jenis_permohonan: jp };
}

// Uploads a PDF (or a JPEG where only photos are taken) for every wajib row; returns
// { pid: dokumenId }.
export async function uploadAll(c, path) {
  const page = (await c.get(step(path, 'persyaratan'))).body;
  const docs = {};
  for (const row of rows(page).filter((x) => x.wajib)) {
    const photo = /pas foto/i.test(row.name);
    const r = await uploadFor(c, path, row.pid, photo ? { bytes: JPEG, type: 'image/jpeg', name: 'foto.jpg' }
      : { bytes: PDF, type: 'application/pdf', name: `syarat-${row.pid}.pdf` }, { json: true });
    assert.equal(r.status, 200, `upload for ${row.name}: ${r.body}`);
    docs[row.pid] = JSON.parse(r.body).dokumen;
  }
  return docs;
}

// Every shown row with its document and the Terpenuhi tick.
export function ticks(page, docs, { skip = null } = {}) {
  const f = {};
  const list = rows(page);
  f.syarat = list.map((x) => x.pid);
  for (const row of list) {
    if (!docs[row.pid] || row.pid === skip) continue;
    f[`syarat_${row.pid}_dokumen`] = String(docs[row.pid]);
    f[`syarat_${row.pid}_terpenuhi`] = '1';
  }
  return f;
}
// URLSearchParams from an object whose array values repeat the field.
export function form(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) for (const x of [].concat(v)) p.append(k, x);
  return p;
}
export async function saveAll(c, path, fields, aksi = 'simpan') {
  const csrf = csrfOf((await c.get(c.csrfPage || '/pemohon/profil')).body);
  const res = await fetch(c.base + path, { method: 'POST', redirect: 'manual', body: form({ csrf, draft: '1', aksi, ...fields }),
    headers: { cookie: c.cookieHeader() } });
  c.keep(res);
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}
export async function buat(c, path, fields = {}) {
  const csrf = csrfOf((await c.get(c.csrfPage || '/pemohon/profil')).body);
  return c.post(`${path}/buat`, { csrf, ...fields });
}


// n drafts of SIP Dokter, complete and ready for Buat, each with its CSRF token:
// [{ path, id, csrf }].  The first goes through the cascade page by page; the others
// post the known choices in one go.  Uploads once and reuses the documents.
export async function readyDrafts(c, n) {
  const drafts = [];
  let choice = null, docs = null;
  for (let i = 0; i < n; i++) {
    const d = await tambah(c);
    if (!choice) {
      choice = await chooseSip(c, d.path);
      docs = await uploadAll(c, d.path);
    } else {
      for (const step of [{ instansi: choice.instansi }, { instansi: choice.instansi, unit: choice.unit }, choice])
        assert.equal((await saveAll(c, d.path, { jenis_permohonan: 'baru', ...step }, 'pilih')).status, 303);
    }
    const page = (await c.get(step(d.path, 'persyaratan'))).body;   // the rows to tick
    const r = await saveAll(c, d.path, { ...choice, tipe_pemohon: 'perorangan', ...LOKASI, ...SIP_TEKNIS, ...ticks(page, docs) });
    assert.equal(r.status, 303, 'Simpan');
    drafts.push({ path: d.path, id: d.id, csrf: csrfOf((await c.get(d.path)).body) });
  }
  return drafts;
}
