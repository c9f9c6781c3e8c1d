// The permit-type editor of Admin Instansi (SPEC 3, 5.2, 5.8) against the real binary, on
// SQLite or PostgreSQL: requirements and data teknis edited show at once on the public
// catalogue; settings per jenis permohonan with their numbering formats; a workflow edit
// writes a new version while an application submitted before keeps its steps and a new
// one takes the new version; a new jenis izin; and the refusals — a format without a
// counter, a workflow without Penetapan, a step without a role, an empty workflow,
// another instansi's ids, a stale form — each with a clear message and nothing saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loket } from '../lib/harness.mjs';
import { Client } from '../lib/client.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { officer, submitForm, summary, submitSip, formFields } from '../lib/admin.mjs';
import { tambah, chooseSip, rows, PDF } from '../lib/permohonan.mjs';
import { JPEG } from '../lib/registrasi.mjs';

let srv, admin, budi, sip, reklameMuaraEnim;
before(async () => {
  srv = await startServer({ smtp: true });
  admin = await officer(srv);
  budi = await activeApplicant(srv, { step1: { username: 'budi.editor', nama: 'Budi Editor', email: 'budi.editor@example.com' },
    step2: { no_identitas: '1971011508900031' } });
  sip = Number(srv.sql(`SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id
    WHERE i.slug = 'kota-pangkalpinang' AND j.slug = 'sip-dokter'`));
  reklameMuaraEnim = Number(srv.sql(`SELECT j.id FROM jenis_izin j JOIN instansi i ON i.id = j.instansi_id
    WHERE i.slug = 'kabupaten-muara-enim' AND j.slug = 'izin-reklame'`));
});
after(async () => { await srv?.stop(); });

const sql = (q) => srv.sql(q);
const IZIN = '/petugas/admin/izin';
const PUBLIC_SIP = '/katalog/kota-pangkalpinang/sip-dokter';
const publicPage = async () => (await new Client(srv.url).get(PUBLIC_SIP)).body;
const workflows = (id, jp = 'baru') => Number(sql(`SELECT count(*) FROM workflow WHERE jenis_izin_id = ${id} AND jenis_permohonan = '${jp}'`));

test('the editor is for Admin Instansi only; it lists the instansi’s own jenis izin', async () => {
  const fo = await officer(srv, 'verifikator.pangkalpinang');
  assert.equal((await fo.get(IZIN)).status, 403);
  assert.equal((await fo.get(`${IZIN}/${sip}/syarat`)).status, 403);
  const list = await admin.get(IZIN);
  assert.equal(list.status, 200);
  assert.match(list.body, /Surat Izin Praktik Dokter/);
  assert.ok(!list.body.includes(`${IZIN}/${reklameMuaraEnim}"`), 'not another instansi’s');
});

test('a requirement edited, added, reordered and removed shows at once on the public page', async () => {
  const path = `${IZIN}/${sip}/syarat`;
  let page = (await admin.get(path)).body;
  const first = page.match(new RegExp(`href="(${path}/\\d+)"`))[1];
  let r = await submitForm(admin, (await admin.get(first)).body, first, { name: 'Fotokopi KTP yang dilegalisir' });
  assert.equal(r.status, 303);
  assert.match((await admin.get(r.location)).body, /Perubahan disimpan dan langsung tampil di Katalog Layanan/);
  assert.match(await publicPage(), /Fotokopi KTP yang dilegalisir/);

  page = (await admin.get(path)).body;
  r = await submitForm(admin, page, path, { name: 'Surat keterangan bebas narkoba', description: 'Dari rumah sakit pemerintah.',
    wajib: null, applies_baru: '1', applies_perpanjangan: null, applies_perubahan: null, type_pdf: '1', type_jpg: '1' });
  assert.equal(r.status, 303);
  let pub = await publicPage();
  const baru = pub.match(/<details class="card jp"[\s\S]*?<\/details>/g)[0];
  assert.match(baru, /Surat keterangan bebas narkoba<\/span> <span class="tag">Opsional/);
  assert.match(baru, /Berkas: pdf,jpg/);
  const added = Number(sql(`SELECT id FROM persyaratan WHERE name = 'Surat keterangan bebas narkoba'`));
  const pos = () => Number(sql(`SELECT position FROM persyaratan WHERE id = ${added}`));
  const last = pos();
  r = await submitForm(admin, (await admin.get(path)).body, `${path}/${added}/pindah`, { arah: 'naik' });
  assert.equal(r.status, 303);
  assert.equal(pos(), last - 1, 'moved up one place');
  const order = sql(`SELECT position FROM persyaratan WHERE jenis_izin_id = ${sip} AND removed_at IS NULL ORDER BY position`).split('\n').map(Number);
  assert.deepEqual(order, order.map((_, i) => i + 1), 'positions stay 1..n');

  r = await submitForm(admin, (await admin.get(path)).body, `${path}/${added}/hapus`);
  assert.equal(r.status, 303);
  assert.doesNotMatch(await publicPage(), /bebas narkoba/);
  assert.equal(sql(`SELECT count(*) FROM persyaratan WHERE id = ${added}`), '0', 'unused: deleted');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action LIKE 'izin.syarat_%' AND object_id = ${sip}`), '4');
});

test('bad requirements and fields are refused with messages, nothing saved', async () => {
  const path = `${IZIN}/${sip}/syarat`;
  const before = sql(`SELECT count(*) || '/' || max(position) FROM persyaratan WHERE jenis_izin_id = ${sip}`);
  let r = await submitForm(admin, (await admin.get(path)).body, path, { name: '   ', applies_baru: null, applies_perpanjangan: null,
    applies_perubahan: null, type_pdf: null });
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.body), ['Nama persyaratan: Nama persyaratan wajib diisi.',
    'Berlaku untuk: Pilih paling sedikit satu jenis permohonan yang memerlukan persyaratan ini.',
    'Jenis berkas: Pilih paling sedikit satu jenis berkas yang diterima.']);
  assert.equal(sql(`SELECT count(*) || '/' || max(position) FROM persyaratan WHERE jenis_izin_id = ${sip}`), before);

  const teknis = `${IZIN}/${sip}/teknis`;
  r = await submitForm(admin, (await admin.get(teknis)).body, teknis, { label: 'Jenis praktik', type: 'select', options: 'Mandiri' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /Pilihan: Pilihan diisi paling sedikit 2/);
  r = await submitForm(admin, (await admin.get(teknis)).body, teknis, { label: 'No. STR lain', key: 'no_str', type: 'text' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /Kode ini sudah dipakai/);
  r = await submitForm(admin, (await admin.get(teknis)).body, teknis, { label: 'Jam praktik', type: 'rm -rf' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /Pilih jenis isian/);
  r = await submitForm(admin, (await admin.get(teknis)).body, teknis, { label: 'Jenis praktik', type: 'select', options: 'Mandiri\nKlinik\n  \nRumah Sakit' });
  assert.equal(r.status, 303);
  assert.equal(sql(`SELECT key || ' ' || options FROM data_teknis_field WHERE jenis_izin_id = ${sip} AND label = 'Jenis praktik'`),
    'jenis_praktik Mandiri|Klinik|Rumah Sakit');
  assert.match(await publicPage(), /<li>Jenis praktik <span class="tag tag-must">Wajib/);
});

test('settings: a format without a counter, an unknown placeholder, an SLA shorter than the steps — refused', async () => {
  const path = `${IZIN}/${sip}`;
  const action = `${path}/pengaturan/baru`;
  const stored = () => sql(`SELECT sla_days || ' ' || number_format_permohonan FROM jenis_izin_setting WHERE jenis_izin_id = ${sip} AND jenis_permohonan = 'baru'`);
  const was = stored();
  let r = await submitForm(admin, (await admin.get(path)).body, action, { format_permohonan: 'REG/{YYYY}/{MM}' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /^Format nomor permohonan Baru: .*\{NNN\}/);
  assert.match(r.body, /value="REG\/\{YYYY\}\/\{MM\}"/, 'what was typed is kept');
  r = await submitForm(admin, (await admin.get(path)).body, action, { format_izin: '503/{NNN}/{XYZ}' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /Format nomor izin Baru/);
  r = await submitForm(admin, (await admin.get(path)).body, action, { sla_days: '2' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /SLA lebih pendek dari jumlah SLA langkah/);
  r = await submitForm(admin, (await admin.get(path)).body, action, { sla_days: 'tujuh' });
  assert.equal(r.status, 400);
  assert.equal(stored(), was, 'nothing saved');

  r = await submitForm(admin, (await admin.get(path)).body, action, { sla_days: '9', validity_value: '3', format_permohonan: 'SIP/{NNNN}/{mm}/{YYYY}' });
  assert.equal(r.status, 303);
  assert.equal(stored(), '9 SIP/{NNNN}/{mm}/{YYYY}');
  assert.match(await publicPage(), /waktu penyelesaian 9 hari kerja, masa berlaku 3 tahun/);
});

// Reads the workflow form of a page into its rows: [{ i, name, role, kind, sla }].
function workflowRows(page, action) {
  const f = formFields(page, action);
  const get = (k) => f.find(([n]) => n === k)?.[1];
  const n = Number(get('baris'));
  return Array.from({ length: n }, (_, i) => ({ i, name: get(`langkah-${i}-name`), role: get(`langkah-${i}-role`),
    kind: get(`langkah-${i}-kind`), sla: get(`langkah-${i}-sla`) }));
}

test('workflow: without Penetapan, a step without a role, empty — refused; nothing written', async () => {
  const path = `${IZIN}/${sip}/alur/baru`;
  const page = (await admin.get(path)).body;
  const steps = workflowRows(page, path).filter((s) => s.name);
  assert.deepEqual(steps.map((s) => s.kind), ['verifikasi_berkas', 'verifikasi_berkas', 'tinjau_lapangan', 'rekomendasi',
    'penetapan', 'tanda_tangan', 'penyerahan']);
  const before = workflows(sip);
  const penetapan = steps.find((s) => s.kind === 'penetapan').i;
  let r = await submitForm(admin, page, path, { [`langkah-${penetapan}-kind`]: 'rekomendasi' });
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.body), ['Alur proses harus punya langkah Penetapan, tempat permohonan disetujui atau ditolak.']);
  assert.match(r.body, /Alur proses belum disimpan; tidak ada yang berubah/);
  r = await submitForm(admin, page, path, { 'langkah-1-role': '' });
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.body), ['Langkah 2: Langkah ini belum punya peran: pilih siapa yang mengerjakannya.']);
  assert.match(r.body, /<select id="langkah-1-role" name="langkah-1-role" aria-invalid="true">/, 'the error beside the field');
  const removeAll = Object.fromEntries(steps.map((s) => [`langkah-${s.i}-remove`, '1']));
  r = await submitForm(admin, page, path, removeAll);
  assert.equal(r.status, 400);
  assert.deepEqual(summary(r.body), ['Alur proses kosong: tambahkan paling sedikit satu langkah.']);
  r = await submitForm(admin, page, path, { 'langkah-0-role': 'superadmin', 'langkah-0-sla': '-1' });
  assert.equal(r.status, 400);
  assert.equal(summary(r.body).length, 2);
  r = await submitForm(admin, page, path, { 'langkah-0-sla': '30' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /melebihi SLA Baru/);
  assert.equal(workflows(sip), before, 'no new version');
});

test('a workflow edit is a new version: an application submitted before keeps its steps, a new one takes it', async () => {
  const before = await submitSip(budi, { dt_jenis_praktik: 'Klinik' });
  const stepsOf = (id) => sql(`SELECT position || ':' || name || ':' || role_key FROM permohonan_step WHERE permohonan_id = ${id} ORDER BY position`);
  const oldSteps = stepsOf(before.id);
  assert.equal(oldSteps.split('\n').length, 7);
  const v1 = Number(sql(`SELECT workflow_id FROM permohonan WHERE id = ${before.id}`));

  const path = `${IZIN}/${sip}/alur/baru`;
  const page = (await admin.get(path)).body;
  const empty = workflowRows(page, path).find((s) => !s.name).i;
  // The field inspection replaced by a step added in its place (its order given), and the
  // steps after it moved by their order.
  const r = await submitForm(admin, page, path, {
    'langkah-2-remove': '1',
    [`langkah-${empty}-order`]: '3', [`langkah-${empty}-name`]: 'Tinjau lapangan tempat praktik',
    [`langkah-${empty}-role`]: 'tim_teknis', [`langkah-${empty}-kind`]: 'tinjau_lapangan', [`langkah-${empty}-sla`]: '1',
    'langkah-3-order': '4', 'langkah-4-order': '5', 'langkah-5-order': '6', 'langkah-6-order': '7',
  });
  assert.equal(r.status, 303);
  const shown = (await admin.get(r.location)).body;
  assert.match(shown, /Alur proses disimpan sebagai versi baru/);
  assert.match(shown, /Versi berlaku: 2/);
  assert.equal(sql(`SELECT max(version) FROM workflow WHERE jenis_izin_id = ${sip} AND jenis_permohonan = 'baru'`), '2');
  assert.equal(sql(`SELECT count(*) FROM workflow_step WHERE workflow_id = ${v1}`), '7', 'version 1 untouched');
  assert.equal(stepsOf(before.id), oldSteps, 'the application in flight keeps its steps');
  assert.equal(Number(sql(`SELECT workflow_id FROM permohonan WHERE id = ${before.id}`)), v1);

  const after = await submitSip(budi, { dt_jenis_praktik: 'Klinik' });
  assert.notEqual(Number(sql(`SELECT workflow_id FROM permohonan WHERE id = ${after.id}`)), v1);
  assert.deepEqual(stepsOf(after.id).split('\n').map((s) => s.split(':')[1]),
    ['Pemeriksaan kelengkapan berkas', 'Verifikasi persyaratan', 'Tinjau lapangan tempat praktik', 'Rekomendasi teknis',
      'Penetapan', 'Tanda tangan', 'Penyerahan izin']);
  const tracking = (await budi.get(`/pemohon/permohonan/${after.id}/lacak`)).body;
  assert.match(tracking, /Tinjau lapangan tempat praktik/, 'the applicant’s tracking shows the new step');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'izin.alur' AND object_id = ${sip}`), '1');
});

test('a requirement removed while a submitted application uses it stays for that application only', async () => {
  const path = `${IZIN}/${sip}/syarat`;
  const used = Number(sql(`SELECT s.persyaratan_id FROM permohonan_syarat s JOIN permohonan p ON p.id = s.permohonan_id
    WHERE p.status <> 'draft' ORDER BY s.persyaratan_id LIMIT 1`));
  const name = sql(`SELECT name FROM persyaratan WHERE id = ${used}`);
  const r = await submitForm(admin, (await admin.get(path)).body, `${path}/${used}/hapus`);
  assert.equal(r.status, 303);
  assert.match((await admin.get(r.location)).body, /Permohonan yang sudah diajukan tetap menyimpan persyaratannya/);
  assert.notEqual(sql(`SELECT removed_at FROM persyaratan WHERE id = ${used}`), '', 'kept, marked removed');
  assert.ok(Number(sql(`SELECT count(*) FROM permohonan_syarat WHERE persyaratan_id = ${used}`)) >= 1, 'the applications keep their row');
  assert.ok(!(await publicPage()).includes(`<span class="req-name">${name}</span>`), 'gone from the catalogue');
  const d = await tambah(budi);
  await chooseSip(budi, d.path);
  assert.ok(!rows((await budi.get(d.path)).body).some((x) => x.name === name), 'a new draft does not ask for it');
});

test('a stale form is refused and keeps what was typed; another instansi’s ids answer 404', async () => {
  const path = `${IZIN}/${sip}/syarat`;
  const stale = (await admin.get(path)).body;
  let r = await submitForm(admin, stale, path, { name: 'Rekomendasi organisasi profesi (IDI)' });
  assert.equal(r.status, 303, 'the first change');
  const count = sql(`SELECT count(*) FROM persyaratan WHERE jenis_izin_id = ${sip}`);
  r = await submitForm(admin, stale, path, { name: 'Surat pernyataan tempat praktik' });
  assert.equal(r.status, 409);
  assert.match(summary(r.body)[0], /baru saja diubah di halaman lain/);
  assert.match(r.body, /value="Surat pernyataan tempat praktik"/);
  assert.equal(sql(`SELECT count(*) FROM persyaratan WHERE jenis_izin_id = ${sip}`), count, 'nothing saved');

  const other = reklameMuaraEnim;
  const otherSyarat = Number(sql(`SELECT id FROM persyaratan WHERE jenis_izin_id = ${other} ORDER BY position LIMIT 1`));
  const otherRev = sql(`SELECT revision FROM jenis_izin WHERE id = ${other}`);
  const state = () => sql(`SELECT revision || name FROM jenis_izin WHERE id = ${other}`) + sql(`SELECT name FROM persyaratan WHERE id = ${otherSyarat}`);
  const was = state();
  for (const get of [`${IZIN}/${other}`, `${IZIN}/${other}/syarat`, `${IZIN}/${other}/alur/baru`, `${IZIN}/${sip}/syarat/${otherSyarat}`])
    assert.equal((await admin.get(get)).status, 404, get);
  const csrf = stale.match(/name="csrf" value="([^"]+)"/)[1];
  const posts = [
    [`${IZIN}/${other}`, { name: 'Diambil alih', unit: '1', document_type: 'x' }],
    [`${IZIN}/${other}/syarat`, { name: 'Diambil alih', applies_baru: '1', type_pdf: '1' }],
    [`${IZIN}/${other}/syarat/${otherSyarat}/hapus`, {}],
    [`${IZIN}/${sip}/syarat/${otherSyarat}`, { name: 'Diambil alih', applies_baru: '1', type_pdf: '1' }],
    [`${IZIN}/${other}/pengaturan/baru`, { sla_days: '5', validity_value: '1', validity_unit: 'tahun', format_permohonan: 'X/{NNN}' }],
    [`${IZIN}/${other}/alur/baru`, { baris: '1', 'langkah-0-name': 'x', 'langkah-0-role': 'verifikator', 'langkah-0-kind': 'penetapan', 'langkah-0-sla': '1' }],
  ];
  for (const [action, fields] of posts) {
    const cur = sql(`SELECT revision FROM jenis_izin WHERE id = ${action.includes(`/${sip}/`) ? sip : other}`);
    r = await admin.post(action, { csrf, revisi: cur, ...fields });
    assert.equal(r.status, 404, action);
  }
  assert.equal(sql(`SELECT revision FROM jenis_izin WHERE id = ${other}`), otherRev);
  assert.equal(state(), was, 'nothing changed');
  r = await admin.post(`${IZIN}/${sip}/pengaturan/lama`, { csrf, revisi: '1' });
  assert.equal(r.status, 404, 'an unknown jenis permohonan');
  r = await admin.post(`${IZIN}/${sip}/alur/baru`, { csrf, revisi: sql(`SELECT revision FROM jenis_izin WHERE id = ${sip}`), baris: '100000' });
  assert.equal(r.status, 400, 'a forged row count');
});

test('a new jenis izin: added, offered once it has a workflow, listed in the catalogue', async () => {
  let r = await submitForm(admin, (await admin.get(`${IZIN}/baru`)).body, `${IZIN}/baru`, { name: '', document_type: '' });
  assert.equal(r.status, 400);
  assert.equal(summary(r.body).length, 2);
  r = await submitForm(admin, (await admin.get(`${IZIN}/baru`)).body, `${IZIN}/baru`, {
    name: 'Izin Usaha Kafe & Restoran', short_description: 'Izin untuk membuka kafe atau restoran.',
    document_type: 'Surat Izin Usaha Kafe', active: '1' });
  assert.equal(r.status, 303);
  const id = Number(r.location.match(/izin\/(\d+)/)[1]);
  assert.equal(sql(`SELECT slug FROM jenis_izin WHERE id = ${id}`), 'izin-usaha-kafe-restoran');
  const path = `${IZIN}/${id}`;
  r = await submitForm(admin, (await admin.get(path)).body, `${path}/pengaturan/baru`, { enabled: '1', sla_days: '5', format_permohonan: 'KAFE/{YYYY}/{NNN}' });
  assert.equal(r.status, 400);
  assert.match(summary(r.body)[0], /belum punya alur proses/);
  const alur = `${path}/alur/baru`;
  r = await submitForm(admin, (await admin.get(alur)).body, alur, {
    'langkah-0-name': 'Verifikasi berkas', 'langkah-0-role': 'verifikator', 'langkah-0-kind': 'verifikasi_berkas', 'langkah-0-sla': '2',
    'langkah-1-name': 'Penetapan', 'langkah-1-role': 'penandatangan', 'langkah-1-kind': 'penetapan', 'langkah-1-sla': '1' });
  assert.equal(r.status, 303);
  r = await submitForm(admin, (await admin.get(path)).body, `${path}/pengaturan/baru`, { enabled: '1', sla_days: '5', format_permohonan: 'KAFE/{YYYY}/{NNN}' });
  assert.equal(r.status, 303);
  const cat = (await new Client(srv.url).get('/katalog/kota-pangkalpinang')).body;
  assert.match(cat, /Izin Usaha Kafe &amp; Restoran/);
  const pub = (await new Client(srv.url).get('/katalog/kota-pangkalpinang/izin-usaha-kafe-restoran')).body;
  assert.match(pub, /Permohonan Baru<\/strong> — waktu penyelesaian 5 hari kerja/);
  r = await submitForm(admin, (await admin.get(path)).body, path, { active: null });
  assert.equal(r.status, 303);
  assert.equal((await new Client(srv.url).get('/katalog/kota-pangkalpinang/izin-usaha-kafe-restoran')).status, 404, 'withdrawn');
});

test('a requirement’s blank form: a PDF uploaded shows as a download on the public page; other files refused', async () => {
  const path = `${IZIN}/${sip}/syarat`;
  const sid = Number(sql(`SELECT id FROM persyaratan WHERE jenis_izin_id = ${sip} AND removed_at IS NULL ORDER BY position DESC LIMIT 1`));
  const name = sql(`SELECT name FROM persyaratan WHERE id = ${sid}`);
  const upload = async (bytes, type, file) => {
    const page = (await admin.get(`${path}/${sid}`)).body;
    const form = new FormData();
    for (const [k, v] of formFields(page, `${path}/${sid}/formulir`)) form.append(k, v);
    form.append('berkas', new Blob([bytes], { type }), file);
    return admin.post(`${path}/${sid}/formulir`, form);
  };
  let r = await upload(JPEG, 'application/pdf', 'formulir.pdf');
  assert.equal(r.status, 400, 'a JPEG named .pdf');
  assert.match(summary(r.body)[0], /^Formulir kosong: /);
  assert.equal(sql(`SELECT COALESCE(blank_form_id, 0) FROM persyaratan WHERE id = ${sid}`), '0');
  const form = Buffer.concat([PDF, Buffer.from('% formulir permohonan\n')]);
  r = await upload(form, 'application/pdf', 'C:\\Users\\admin\\Formulir Dokumen Pendukung.pdf');
  assert.equal(r.status, 303);
  const pub = await publicPage();
  const item = pub.split('<li>').find((x) => x.includes(`<span class="req-name">${name}</span>`));
  const link = item.match(/<a href="(\/formulir\/\d+)" download>Unduh formulir \(Formulir Dokumen Pendukung\.pdf\)<\/a>/);
  assert.ok(link, 'the download link with the file’s own name: ' + item);
  const got = Buffer.from(await (await fetch(srv.url + link[1])).arrayBuffer());
  assert.deepEqual(got, form, 'the very file uploaded');
  r = await submitForm(admin, (await admin.get(`${path}/${sid}`)).body, `${path}/${sid}/formulir/hapus`);
  assert.equal(r.status, 303);
  assert.ok(!(await publicPage()).includes('Formulir Dokumen Pendukung.pdf'), 'removed');
});

test('every editor change is in the audit trail and the chain verifies', () => {
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE action LIKE 'izin.%'`)) >= 12);
  const r = loket(['audit', 'verify'], srv.env);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /audit chain OK/);
});
