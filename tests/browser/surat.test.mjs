// Status Surat in Chromium (issue 9): Admin Instansi sees a failed mail with its reason
// and sends it again with Kirim ulang, on a phone and on a desktop, axe clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/harness.mjs';
import { DEMO_PASSWORD } from '../lib/client.mjs';
import { launch, phonePage, axeViolations, screenshot } from '../lib/browser.mjs';

let srv, browser;
before(async () => {
  srv = await startServer({ env: { LOKET_ACCESS_LOG: 'off' } });
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.stop(); });

test('Status Surat: a failed mail, its reason and Kirim ulang, on a phone and a desktop', async () => {
  srv.sql(`INSERT INTO outbox (instansi_id, kind, to_addr, subject, body, status, attempts, next_attempt_at, last_error)
    SELECT id, 'verifikasi', 'salah.alamat@example.com', 'Verifikasi Pendaftaran', 'Link.', 'failed', 1, 0,
           'smtp: Failed sending data to the peer (last reply 550)' FROM instansi WHERE slug = 'kota-pangkalpinang'`);
  for (const [name, page] of [['phone', await phonePage(browser)],
                              ['desktop', await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()]]) {
    await page.goto(srv.url + '/login');
    await page.getByLabel('Pengguna').fill('admin.pangkalpinang');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Log In' }).click();
    await page.goto(srv.url + '/petugas/surat');
    await page.getByRole('heading', { name: 'Status Surat' }).waitFor();
    assert.match(await page.content(), /last reply 550/);
    assert.deepEqual(await axeViolations(page), [], name);
    await screenshot(page, `surat-${name}`);
    if (name === 'phone') {
      await page.getByRole('button', { name: /Kirim ulang/ }).click();
      await page.getByText('Surat dimasukkan lagi ke antrean pengiriman.').waitFor();
      assert.deepEqual(await axeViolations(page), [], 'after Kirim ulang');
    }
  }
});
