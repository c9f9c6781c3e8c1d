// The signer's image in the visible signature block (issue 14, docs/tte.md) against the
// real binary and database, poppler's pdftoppm and pdfsig: the Penandatangan uploads a
// PNG on Sertifikat TTE (checked by its bytes: an empty file, an SVG, a JPEG, a fake PNG,
// a header claiming a huge size, too many pixels or bytes are refused with a message and
// nothing stored); the permits they sign then show it in the block (the block's pixels
// are darker than without it) and still verify; it can be replaced and removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync, writeFileSync } from 'node:fs';
import { startServer, loket } from '../lib/harness.mjs';
import { activeApplicant } from '../lib/registrasi.mjs';
import { submitSip, officer } from '../lib/proses.mjs';
import { testCa, uploadCert, toTandaTangan, act, pdfsig, png, pngHead, darkInSignatureBlock, uploadImage } from '../lib/tte.mjs';

let srv, budi, kadis, kadisId;
const PASS = 'sandi-kadis-gambar';
const sql = (q) => srv.sql(q);
const images = () => readdirSync(join(srv.dataDir, 'files')).filter((f) => f.startsWith('ttd-'));
before(async () => {
  srv = await startServer({ smtp: true });
  const k = loket(['keys', 'create', '--instansi', 'kota-pangkalpinang'], srv.env);
  assert.equal(k.status, 0, k.stderr);
  budi = await activeApplicant(srv, { step1: { username: 'budi.ttd', nama: 'dr. Budi Gambar', email: 'budi.ttd@example.com' },
    step2: { no_identitas: '1971011508900071' } });
  const [id, nama, email] = sql(`SELECT id || '|' || nama || '|' || email FROM account WHERE username = 'kadis.pangkalpinang'`).split('|');
  kadisId = id;
  const ca = testCa(join(srv.dataDir, 'test-ca'));
  kadis = await officer(srv, 'kadis.pangkalpinang');
  assert.equal((await uploadCert(kadis, ca.signer('kadis', nama, email, PASS).p12, PASS)).status, 303);
});
after(async () => { await srv?.stop(); });

const getBytes = async (c, path) => {
  const res = await fetch(srv.url + path, { headers: { cookie: c.cookieHeader() } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};

// A permit signed by kadis: its PDF as the applicant downloads it.
async function signedPermit() {
  const app = await submitSip(budi);
  const signer = await toTandaTangan(srv, app.id);
  const r = await act(signer, app.id, 'teruskan', { tte_passphrase: PASS });
  assert.equal(r.status, 303, r.body.slice(0, 500));
  const id = sql(`SELECT id FROM izin WHERE permohonan_id = ${app.id}`);
  return (await getBytes(budi, `/pemohon/izin/${id}/unduh`)).bytes;
}

test('hostile or unfit files are refused with a message and nothing is stored', async () => {
  const cases = [
    [Buffer.alloc(0), 'kosong.png', /Berkas gambar kosong/],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'ttd.png', /harus berkas PNG/],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('JFIF jpeg bytes here')]), 'ttd.jpg', /harus berkas PNG/],
    [Buffer.concat([pngHead(400, 150), Buffer.from('bukan data gambar sama sekali, hanya teks'.repeat(4))]), 'palsu.png', /PNG rusak/],
    [Buffer.concat([pngHead(100000, 100000), Buffer.alloc(64)]), 'raksasa.png', /paling besar 2000 × 1000 piksel/],
    [png(2001, 20), 'lebar.png', /paling besar 2000 × 1000 piksel/],
    [Buffer.concat([pngHead(400, 150), Buffer.alloc(600 * 1024, 7)]), 'besar.png', /paling besar 512 KB/],
  ];
  for (const [bytes, name, re] of cases) {
    const r = await uploadImage(kadis, bytes, name);
    assert.equal(r.status, 400, name);
    assert.match(r.body, re, name);
    assert.ok(!r.body.includes('<script>alert'), 'the file is never echoed');
  }
  assert.equal(sql('SELECT COUNT(*) FROM tte_gambar'), '0');
  assert.deepEqual(images(), []);
  const none = await fetch(srv.url + '/petugas/sertifikat/gambar', { headers: { cookie: kadis.cookieHeader() }, redirect: 'manual' });
  assert.equal(none.status, 303, 'no image: back to the page');
  const fo = await officer(srv, 'fo.pangkalpinang');
  assert.equal((await getBytes(fo, '/petugas/sertifikat/gambar')).status, 403, 'Penandatangan only');
});

test('uploaded, the image is drawn in the signature block of the permits signed; replaced and removed', async () => {
  const without = darkInSignatureBlock(await signedPermit());

  const first = png(400, 150);
  let r = await uploadImage(kadis, first, 'tanda-tangan.PNG');
  assert.equal(r.status, 303, r.body.slice(0, 400));
  let page = await kadis.get(r.location);
  assert.match(page.body, /Gambar tanda tangan tersimpan/);
  assert.match(page.body, /<img class="ttd-gambar" src="\/petugas\/sertifikat\/gambar\?v=[A-Za-z0-9_-]+"/);
  assert.match(page.body, /400 × 150 piksel/);
  const got = await getBytes(kadis, '/petugas/sertifikat/gambar');
  assert.equal(got.type, 'image/png');
  assert.ok(got.bytes.equals(first));
  const firstFile = images();
  assert.equal(firstFile.length, 1);

  // Replaced: one image, the old file gone; the audit trail has both.
  const second = png(600, 200, (x, y) => y > 60 && y < 140 && x % 50 < 40);   // thick dashes: plenty of ink
  assert.equal((await uploadImage(kadis, second)).status, 303);
  assert.equal(sql('SELECT COUNT(*) FROM tte_gambar'), '1');
  assert.equal(images().length, 1);
  assert.notEqual(images()[0], firstFile[0]);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'tte.gambar' AND account_id = ${kadisId}`), '2');

  const pdf = await signedPermit();
  if (process.env.LOKET_TEST_KEEP) writeFileSync(join(process.env.LOKET_TEST_KEEP, 'ttd.pdf'), pdf);
  const withImage = darkInSignatureBlock(pdf);
  assert.ok(withImage.dark > without.dark + 1000, `the block has the image: ${withImage.dark} dark pixels, ${without.dark} without`);
  const sig = pdfsig(pdf);
  assert.ok(sig.valid, sig.text);

  // Removed: the page says so, the file and the row are gone.
  page = await kadis.get('/petugas/sertifikat');
  const csrf = page.body.match(/name="csrf" value="([^"]+)"/)[1];
  const del = await kadis.post('/petugas/sertifikat/gambar/hapus', { csrf });
  assert.equal(del.status, 303);
  page = await kadis.get(del.location);
  assert.match(page.body, /Gambar tanda tangan dihapus/);
  assert.match(page.body, /Belum ada gambar tanda tangan/);
  assert.deepEqual(images(), []);
  assert.equal(sql('SELECT COUNT(*) FROM tte_gambar'), '0');
  assert.equal((await kadis.post('/petugas/sertifikat/gambar/hapus', {})).status, 403, 'CSRF checked');
});
