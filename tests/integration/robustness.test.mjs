// Bad input at the HTTP level: malformed addresses, oversized headers and bodies,
// keep-alive, and a graceful stop with a request in flight.  After each abuse the server
// must still answer normally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { startServer, rawRequest } from '../lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

const statusOf = (raw) => Number((raw.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1]);

async function stillServing() {
  const r = await fetch(srv.url + '/katalog');
  assert.equal(r.status, 200, 'the server keeps serving');
}

test('malformed percent-encoding, invalid UTF-8 and NUL in the address get 400', async () => {
  for (const path of ['/katalog%zz', '/katalog?q=%E0%A4', '/katalog?q=%C3%28', '/kat%00alog', '/%', '/katalog?q=%4']) {
    const raw = await rawRequest(srv.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(raw), 400, path);
    assert.match(raw, /tidak sah/);
  }
  await stillServing();
});

test('oversized headers are refused and the server keeps serving', async () => {
  const raw = await rawRequest(srv.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(200 * 1024)}\r\n\r\n`);
  assert.ok([400, 413, 431].includes(statusOf(raw)) || raw === '', `got ${raw.slice(0, 40)}`);
  await stillServing();
});

test('a body over the limit is refused with 413 before it is read', async () => {
  const raw = await rawRequest(srv.port,
    'POST /katalog HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    `Content-Length: ${200 * 1024 * 1024}\r\n\r\nq=1`, { endAfter: false, timeoutMs: 3000 });
  assert.equal(statusOf(raw), 413);
  assert.match(raw, /terlalu besar/);
  await stillServing();
});

test('a chunked body that grows past the limit is cut off with 413', async () => {
  const status = await new Promise((ok, fail) => {
    const rq = http.request(srv.url + '/katalog', { method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } },
    (res) => { res.resume(); ok(res.statusCode); });
    rq.on('error', () => ok(413));  // the server may close while we still write
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < 40) {
        sent++;
        if (!rq.write(chunk)) { rq.once('drain', pump); return; }
      }
      rq.end();
    };
    rq.write('q=');
    pump();
    setTimeout(() => fail(new Error('no answer')), 15000).unref();
  });
  assert.equal(status, 413);
  await stillServing();
});

test('a form with invalid UTF-8 gets 400', async () => {
  const r = await fetch(srv.url + '/katalog', { method: 'POST', body: Buffer.from([0x71, 0x3d, 0xff, 0xfe]),
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok([400, 405].includes(r.status));
  await stillServing();
});

test('keep-alive: several requests travel over one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  for (let i = 0; i < 5; i++) {
    await new Promise((ok, fail) => {
      http.get(srv.url + (i % 2 ? '/katalog' : '/tidak-ada'), { agent }, (res) => {
        sockets.add(res.socket);
        res.resume();
        res.on('end', ok);
      }).on('error', fail);
    });
  }
  agent.destroy();
  assert.equal(sockets.size, 1, 'one TCP connection served all five requests');
});

test('a second server on the same port fails with a clear message', async () => {
  const { loket } = await import('../lib/harness.mjs');
  const r = loket(['serve', '--listen', `127.0.0.1:${srv.port}`], srv.env);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${srv.port}: Address already in use`));
});

test('SIGTERM lets the request in flight finish, then the server exits cleanly', async () => {
  const sock = net.connect(srv.port, '127.0.0.1');
  await new Promise((ok) => sock.on('connect', ok));
  let answer = '';
  sock.on('data', (d) => { answer += d; });
  const closed = new Promise((ok) => sock.on('close', ok));
  sock.write('POST /katalog HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    'Content-Length: 10\r\nConnection: close\r\n\r\nq=123');
  await new Promise((ok) => setTimeout(ok, 200));
  srv.proc.kill('SIGTERM');
  await new Promise((ok) => setTimeout(ok, 300));
  sock.write('45678');
  await closed;
  assert.match(answer, /^HTTP\/1\.1 405/, 'the in-flight request got its full answer');
  const { code } = await srv.exited;
  assert.equal(code, 0);
  assert.match(srv.log(), /stopped/);
});
