// tests/lib/registrasi.mjs — registering applicants through the real wizard, for tests
// that need an applicant account (approval, verification, log-in).
import assert from 'node:assert/strict';
import { Client } from './client.mjs';

// An 8×8 grey baseline JPEG (`file` says: JPEG image data, JFIF standard 1.01, baseline).
export const JPEG = Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB' +
  'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAA' +
  'AAD/2gAIAQEAAD8AP//Z', 'base64');

export const STEP1 = { username: 'budi.santoso', nama: 'Budi Santoso', email: 'budi@example.com', instansi: 'kota-pangkalpinang' };
export const STEP2 = {
  tipe_identitas: 'KTP', no_identitas: '1971011508900001', jenis_kelamin: 'L', pekerjaan: 'Wiraswasta',
  tempat_lahir: 'Pangkalpinang', tanggal_lahir: '1990-08-15', npwp: '',
};
export const STEP3 = {
  telepon: '0717 436772', hp: '0812-3456-7890', alamat: 'Jl. Jenderal Sudirman No. 1', provinsi: '19',
  kabupaten: '19.71', kecamatan: '19.71.01', desa: '19.71.01.1007', kode_pos: '33131',
};
// Muara Enim: a NIK whose kecamatan is 16.03.01, and an address there.
export const MUARA_ENIM = {
  step1: { instansi: 'kabupaten-muara-enim' },
  step2: { no_identitas: '1603015508900002', jenis_kelamin: 'P' },
  step3: { provinsi: '16', kabupaten: '16.03', kecamatan: '16.03.01', desa: '16.03.01.2011', kode_pos: '31351' },
};

// A visitor of the wizard: its own session, the CSRF token of the last page it saw.
export class Pemohon extends Client {
  async open(path = '/registrasi') {
    const page = await this.get(path);
    const m = page.body.match(/name="csrf" value="([^"]+)"/);
    if (m) this.token = m[1];
    return page;
  }

  async step(n, fields, { aksi = 'next', file, csrf } = {}) {
    if (!this.token) await this.open();
    const all = { csrf: csrf === undefined ? this.token : csrf, aksi, ...fields };
    if (csrf === null) delete all.csrf;
    if (n !== 2) return this.post(`/registrasi/${n}`, all);
    const form = new FormData();
    for (const [k, v] of Object.entries(all)) form.append(k, v);
    if (file) form.append('lampiran', new Blob([file.bytes], { type: file.type || 'application/octet-stream' }), file.name);
    // Sent in one piece with a Content-Length, as a browser sends a small form.
    const encoded = new Request('http://x/', { method: 'POST', body: form });
    return this.postRaw('/registrasi/2', Buffer.from(await encoded.arrayBuffer()), encoded.headers.get('content-type'));
  }

  async postRaw(path, body, contentType) {
    const res = await fetch(this.base + path, { method: 'POST', redirect: 'manual', body,
      headers: { cookie: this.cookieHeader(), 'content-type': contentType } });
    this.keep(res);
    return { status: res.status, headers: res.headers, body: await res.text(), location: res.headers.get('location') };
  }

  // Steps 1 and 2 done (with a JPEG), standing on step 3.
  async throughStep2(step1 = {}, step2 = {}) {
    let r = await this.step(1, { ...STEP1, ...step1 });
    assert.equal(r.status, 303, 'step 1 accepted: ' + errors(r.body));
    assert.equal(r.location, '/registrasi/2');
    r = await this.step(2, { ...STEP2, ...step2 }, { file: { bytes: JPEG, type: 'image/jpeg', name: 'ktp saya.jpg' } });
    assert.equal(r.status, 303, 'step 2 accepted: ' + errors(r.body));
    assert.equal(r.location, '/registrasi/3');
  }

  // The whole wizard through Daftar; returns the final answer.
  async register(step1 = {}, step2 = {}, step3 = {}) {
    await this.throughStep2(step1, step2);
    const r = await this.step(3, { ...STEP3, ...step3 });
    assert.equal(r.status, 200, 'Daftar accepted: ' + errors(r.body));
    assert.match(r.body, /Registrasi Berhasil/);
    return r;
  }
}

// The messages of a page's error summary, for assertion messages.
export function errors(html) {
  return [...html.matchAll(/<li><a href="#[a-z_]+">([^<]*)<\/a><\/li>/g)].map((m) => m[1]).join(' | ');
}

// (imports are hoisted; this one sits here so the lines above stay as they were)
import { DEMO_PASSWORD } from './client.mjs';

// An applicant made active through the real flow: the wizard, the Front Office's approval,
// the verification link, the credentials mail, the forced password change.  Returns a
// logged-in Client with .username and .password set.  step1..3 override the defaults
// (give each applicant its own username, email and NIK).  keepOneTime: stop after the
// first log-in, with the one-time password unchanged (as .oneTime).
export async function activeApplicant(srv, { step1 = {}, step2 = {}, step3 = {}, password = 'Pemohon-Aktif-2026', keepOneTime = false } = {}) {
  const s1 = { ...STEP1, ...step1 };
  await new Pemohon(srv.url).register(step1, step2, step3);
  const fo = new Client(srv.url);
  const foLogin = await fo.login(s1.instansi === 'kabupaten-muara-enim' ? 'fo.muaraenim' : 'fo.pangkalpinang', DEMO_PASSWORD);
  assert.equal(foLogin.status, 303, 'Front Office log-in');
  const queue = await fo.get('/petugas/registrasi');
  const row = queue.body.split('<tr>').find((tr) => tr.includes(s1.nama) && tr.includes(s1.username));
  assert.ok(row, `${s1.nama} is in the queue`);
  const detail = row.match(/href="(\/petugas\/registrasi\/\d+)"/)[1];
  const csrf = await fo.csrf(detail);
  assert.equal((await fo.post(`${detail}/setujui`, { csrf })).status, 303, 'approved');

  const verify = await srv.waitForMail((m) => m.to.includes(s1.email) && /verifikasi pendaftaran/.test(m.body));
  const token = verify.body.match(/\/verifikasi\?token=([A-Za-z0-9_-]+)/)[1];
  const visitor = new Client(srv.url);
  const vcsrf = await visitor.csrf(`/verifikasi?token=${token}`);
  assert.equal((await visitor.post('/verifikasi', { csrf: vcsrf, token })).status, 200, 'verified');

  const cred = await srv.waitForMail((m) => m.to.includes(s1.email) && /informasi user anda/.test(m.body));
  const oneTime = cred.body.match(/Password\s*:\s*(\S+)/)[1];
  const me = new Client(srv.url);
  assert.equal((await me.login(s1.username, oneTime)).status, 303, 'first log-in');
  me.username = s1.username;
  me.oneTime = oneTime;
  if (keepOneTime) return me;
  const pcsrf = await me.csrf('/akun/password');
  const r = await me.post('/akun/password', { csrf: pcsrf, password_lama: oneTime, password_baru: password, password_ulang: password });
  assert.equal(r.status, 303, 'password changed');
  me.username = s1.username;
  me.password = password;
  return me;
}
