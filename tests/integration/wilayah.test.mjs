// The wilayah JSON endpoint used by the address pickers, including hostile input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const api = async (qs) => {
  const r = await fetch(srv.url + '/api/v1/wilayah' + qs);
  return { status: r.status, type: r.headers.get('content-type'), body: await r.json() };
};

test('without a parent it lists the 38 provinces', async () => {
  const r = await api('');
  assert.equal(r.status, 200);
  assert.equal(r.type, 'application/json');
  assert.equal(r.body.data.length, 38);
  assert.ok(r.body.data.some((w) => w.code === '19' && /Bangka Belitung/.test(w.name)));
});

test('children of a kabupaten are its kecamatan, and of a kecamatan its desa', async () => {
  const kec = await api('?parent=19.71');
  assert.ok(kec.body.data.length >= 5);
  assert.ok(kec.body.data.every((w) => w.code.startsWith('19.71.') && w.level === 3));
  const desa = await api('?parent=' + kec.body.data[0].code);
  assert.ok(desa.body.data.length > 0);
  assert.ok(desa.body.data.every((w) => w.level === 4));
});

test('a name search finds Kota Pangkalpinang and Kabupaten Muara Enim', async () => {
  let r = await api('?q=pangkal&level=2');
  assert.ok(r.body.data.some((w) => w.code === '19.71'));
  r = await api('?q=muara%20enim&level=2&limit=5');
  assert.ok(r.body.data.some((w) => w.code === '16.03'));
  assert.ok(r.body.data.length <= 5);
});

test('hostile or useless searches answer an empty list and change nothing', async () => {
  for (const q of ["'; DROP TABLE wilayah; --", 'x'.repeat(10 * 1024), '%', 'a']) {
    const r = await api('?q=' + encodeURIComponent(q));
    assert.equal(r.status, 200, `q=${q.slice(0, 20)}`);
    assert.deepEqual(r.body.data, []);
  }
  const after = await api('');
  assert.equal(after.body.data.length, 38);
});

test('bad parameters get a clear 400', async () => {
  for (const qs of ['?parent=abc', '?level=9&q=kota', '?limit=0&q=kota', '?limit=999&q=kota']) {
    const r = await api(qs);
    assert.equal(r.status, 400, qs);
    assert.ok(r.body.error.length > 0);
  }
});
