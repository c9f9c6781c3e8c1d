// tests/lib/tarif.mjs — helpers for the tarif, retribution and complaint tests: reading a
// form's fields off a page as a browser would submit them, and the demo's ids.
import { decode } from './permohonan.mjs';

// The fields of the first <form> whose action matches (or the form with that id): inputs
// (text, hidden, date; checked boxes), textareas and selects (their selected option).
export function formFields(html, { action, id } = {}) {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const f = forms.find((m) => (id ? m[1].includes(`id="${id}"`) : true) && (action ? m[1].includes(`action="${action}"`) : true));
  if (!f) throw new Error(`no form ${action || id}`);
  const body = f[2], out = {};
  for (const m of body.matchAll(/<input\b([^>]*)>/g)) {
    const a = m[1], name = a.match(/name="([^"]*)"/), value = a.match(/value="([^"]*)"/);
    if (!name) continue;
    if (/type="(checkbox|radio)"/.test(a) && !/\schecked/.test(a)) continue;
    if (/type="file"/.test(a)) continue;
    out[name[1]] = value ? decode(value[1]) : '';
  }
  for (const m of body.matchAll(/<textarea\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) out[m[1]] = decode(m[2]);
  for (const m of body.matchAll(/<select\b[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const sel = m[2].match(/<option value="([^"]*)" selected>/) || m[2].match(/<option value="([^"]*)"/);
    out[m[1]] = sel ? decode(sel[1]) : '';
  }
  return out;
}

// The id of a demo jenis izin in an instansi.
export function jenisId(srv, instansi, slug) {
  return Number(srv.sql(`SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id WHERE i.slug = '${instansi}' AND j.slug = '${slug}'`));
}

// The text of an element by id (tags stripped, entities decoded, spaces collapsed).
export function textOf(html, id) {
  const m = html.match(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)<\\/`));
  return m ? decode(m[1].replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim() : null;
}
export const total = (html) => textOf(html, 'total');

// A building-permit (PBG) application of Kota Pangkalpinang submitted through Tambah → Buat
// by applicant c; returns { id, path, nomor }.
export const PBG_TEKNIS = {
  dt_fungsi_bangunan: 'Hunian', dt_nama_bangunan: 'Rumah Tinggal', dt_alamat_bangunan: 'Jl. Mawar No. 3, Pangkalpinang',
  dt_no_sertifikat: 'SHM 123/2020', dt_luas_tanah: '150', dt_L: '100', dt_jumlah_lantai: '1', dt_tinggi_bangunan: '4',
};
export async function submitPbg(c) {
  const { tambah, chooseSip, uploadAll, saveAll, ticks, buat, LOKASI } = await import('./permohonan.mjs');
  const d = await tambah(c);
  const choice = await chooseSip(c, d.path, 'baru', 'Persetujuan Bangunan Gedung');
  const docs = await uploadAll(c, d.path);
  const page = (await c.get(d.path)).body;
  const r = await saveAll(c, d.path, { ...choice, tipe_pemohon: 'perorangan', ...LOKASI, ...PBG_TEKNIS, ...ticks(page, docs) });
  if (r.status !== 303) throw new Error('saving the PBG draft: ' + r.status);
  const done = await buat(c, d.path);
  const m = done.body.match(/class="pm-nomor">([^<]+)</);
  if (!m) throw new Error('Buat did not number the application: ' + (done.body.match(/Yang belum lengkap:[\s\S]*?<\/ul>/) || [''])[0]);
  return { id: d.id, path: d.path, nomor: decode(m[1]) };
}

// Puts an application on the step of `kind` (earlier steps done, later ones waiting), as
// the workflow runtime's Teruskan would: the fee pages are tested on their own here.
export function moveToStep(srv, id, kind) {
  const pos = Number(srv.sql(`SELECT position FROM permohonan_step WHERE permohonan_id = ${id} AND kind = '${kind}' ORDER BY position LIMIT 1`));
  srv.sql(`UPDATE permohonan_step SET status = CASE WHEN position < ${pos} THEN 'selesai' WHEN position = ${pos} THEN 'berjalan' ELSE 'menunggu' END WHERE permohonan_id = ${id}`);
  srv.sql(`UPDATE permohonan SET status = 'diproses' WHERE id = ${id}`);
  return pos;
}
