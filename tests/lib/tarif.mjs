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
