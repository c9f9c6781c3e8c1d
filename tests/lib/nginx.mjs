// tests/lib/nginx.mjs — an nginx of the test's own in front of loket serve processes: its
// own configuration, pid file, logs and temporary folders in a folder of the test, on a
// free loopback port; started in the foreground and stopped by its own PID.  Never
// touches an nginx the machine runs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { freePort } from './harness.mjs';

export function nginxBinary() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

// upstreams: ports of loket serve on 127.0.0.1.  Requests are spread round-robin; a node
// that refuses connections is passed over (POSTs are never replayed: nginx does not
// retry non-idempotent requests once they were sent).
// Start the nodes first: a node nginx cannot reach counts as failed for fail_timeout.
// port: nginx's own (picked beforehand when the nodes must know their public address).
export async function startNginx(dir, upstreams, { port = null } = {}) {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed');
  mkdirSync(dir, { recursive: true });
  port = port || await freePort();
  const t = (n) => join(dir, n);
  const conf = `
worker_processes 1;
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 512; }
http {
  access_log ${t('access.log')};
  client_max_body_size 20m;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  upstream loket {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://loket;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Request-Id $request_id;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
    }
  }
}
`;
  writeFileSync(t('nginx.conf'), conf);
  const proc = spawn(bin, ['-e', t('error.log'), '-c', t('nginx.conf'), '-p', dir, '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((ok) => proc.on('exit', ok));
  const url = `http://127.0.0.1:${port}`;
  // Listening is enough: a request through it would already count against the nodes.
  for (const deadline = Date.now() + 15000; ;) {
    if (await canConnect(port)) break;
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error('nginx did not start: ' + err + readIf(t('error.log')));
    await new Promise((ok) => setTimeout(ok, 50));
  }
  return {
    url, port, pid: proc.pid,
    accessLog: () => readIf(t('access.log')),
    async stop() { if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGTERM'); await exited; } },
  };
}

function canConnect(port) {
  return new Promise((ok) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => { s.destroy(); ok(true); });
    s.on('error', () => ok(false));
  });
}

function readIf(p) { try { return readFileSync(p, 'utf8'); } catch { return ''; } }
