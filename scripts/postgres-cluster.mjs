// A throw-away PostgreSQL cluster for the tests and the bench: initdb into a temporary folder, a server
// on a loopback port, trust authentication, no fsync. Debian's `postgresql` package provides the
// binaries (/usr/lib/postgresql/<version>/bin). PostgreSQL refuses to run as root: as root, the cluster
// belongs to the `postgres` user the package creates.
//   node scripts/postgres-cluster.mjs start   prints the connection URL (and keeps the server running)
//   node scripts/postgres-cluster.mjs start --with-parent   the same, and the cluster is stopped and
//                                              removed once the process that asked is gone (a test
//                                              run or a bench killed before it could stop it)
//   node scripts/postgres-cluster.mjs stop DIR
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found ? join(found, '..') : null;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin, args) {
  const command = join(bin, args[0]);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args.slice(1)]] : [command, args.slice(1)];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cluster; returns { url, dir }. */
export async function startCluster() {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (Debian), then run the tests again.');
  const dir = mkdtempSync(join(tmpdir(), 'crm-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run(bin, ['initdb', '-D', data, '-A', 'trust', '-U', 'crm', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB`;
  run(bin, ['pg_ctl', '-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '120', 'start']);
  return { url: `postgres://crm@127.0.0.1:${port}/postgres`, dir };
}

export function stopCluster(dir) {
  const bin = postgresBin();
  try {
    if (bin) run(bin, ['pg_ctl', '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A process of its own, detached, that stops the cluster in `dir` once `pid` is gone; it ends by
 *  itself when the cluster was stopped the ordinary way (its folder removed). */
function watchOver(pid, dir) {
  spawn(process.execPath, [fileURLToPath(import.meta.url), 'watch', String(pid), dir], { detached: true, stdio: 'ignore' }).unref();
}

/** Whether process `pid` still runs (one of another user's answers EPERM: it runs). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start') {
    const cluster = await startCluster();
    writeFileSync(join(cluster.dir, 'url'), cluster.url);
    if (process.argv.includes('--with-parent')) watchOver(process.ppid, cluster.dir);
    console.log(`${cluster.url}\n(stop it with: node scripts/postgres-cluster.mjs stop ${cluster.dir})`);
  } else if (command === 'stop' && dir) stopCluster(dir);
  else if (command === 'watch' && dir) {
    const [pid, folder] = [Number(process.argv[3]), process.argv[4]];
    const timer = setInterval(() => {
      if (!existsSync(folder)) clearInterval(timer);
      else if (!alive(pid)) {
        clearInterval(timer);
        stopCluster(folder);
      }
    }, 2000);
  } else {
    console.error('Usage: node scripts/postgres-cluster.mjs start | stop DIR');
    process.exit(2);
  }
}
