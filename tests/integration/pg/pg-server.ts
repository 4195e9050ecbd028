import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

/**
 * A private PostgreSQL server for tests and benchmarks: its own data folder and socket folder
 * under the temp dir, a free loopback port, trust authentication for `postgres`. Nothing of the
 * machine's own clusters is touched. The Debian `postgresql` package provides the binaries; a
 * missing package is an error naming it, never a skipped test.
 */

const DEBIAN_BIN_ROOT = '/usr/lib/postgresql';
/** The server must accept connections within this; a cold initdb'd cluster takes well under 2 s. */
const READY_TIMEOUT_MS = 20_000;
const PORT_ATTEMPTS = 3;

export interface PgServerOptions {
  /**
   * fsync and synchronous commit on, as a production server runs; default false (tests gain
   * speed and lose nothing, the folder is deleted anyway). Benchmarks pass true.
   */
  durable?: boolean;
}

export interface PgServer {
  port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url(database: string): string;
  /** Makes an empty database (a fresh name each call unless given) and answers its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown, then the folder is deleted. Idempotent. */
  stop(): Promise<void>;
}

/** The newest installed major version's bin folder (CUPK_PG_BIN to choose another). */
export function postgresBinDir(): string {
  const chosen = process.env.CUPK_PG_BIN;
  if (chosen) return chosen;
  const versions = existsSync(DEBIAN_BIN_ROOT)
    ? readdirSync(DEBIAN_BIN_ROOT)
        .filter((v) => existsSync(join(DEBIAN_BIN_ROOT, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`PostgreSQL server not found under ${DEBIAN_BIN_ROOT}/<version>/bin: install the Debian package \`postgresql\` (apt-get install postgresql), or set CUPK_PG_BIN`);
  }
  return join(DEBIAN_BIN_ROOT, versions[0]!, 'bin');
}

/** PostgreSQL refuses to run as root: as root the server runs as the `postgres` system user. */
const asRoot = () => process.getuid?.() === 0;

function command(bin: string, args: string[]): [string, string[]] {
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function run(bin: string, args: string[]): void {
  const [cmd, argv] = command(bin, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const bin = postgresBinDir();
  const root = mkdtempSync(join(tmpdir(), 'cupk-pg-'));
  const data = join(root, 'data');
  const sockets = join(root, 'sock');
  mkdirSync(sockets);
  if (asRoot()) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, and there is no `postgres` system user to run the server as (the Debian `postgresql` package creates it)');
    chownSync(root, uid, gid);
    chownSync(sockets, uid, gid);
  }
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (e) {
    remove();
    throw e;
  }
  const settings = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

  let child: ChildProcess | undefined;
  let port = 0;
  let log = '';
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    const [cmd, argv] = command(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', sockets, '-h', '127.0.0.1', ...settings]);
    const started = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    log = '';
    started.stdout.on('data', (b: Buffer) => (log += b.toString()));
    started.stderr.on('data', (b: Buffer) => (log += b.toString()));
    const exited = new Promise<number | null>((resolve) => started.once('exit', (code) => resolve(code)));
    const ready = await waitReady(port, exited);
    if (ready) child = started;
    else if (attempt >= PORT_ATTEMPTS || !/could not (bind|create listen)/i.test(log)) {
      started.kill('SIGKILL');
      remove();
      throw new Error(`postgres did not start on port ${port}:\n${log}`);
    }
  }

  const server = child;
  const exited = new Promise<void>((resolve) => (server.exitCode !== null ? resolve() : server.once('exit', () => resolve())));
  // A test run that dies without calling stop() still takes its server down.
  const onExit = () => spawnSync(...command(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate']));
  process.once('exit', onExit);
  let stopping: Promise<void> | undefined;
  let databases = 0;
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;

  return {
    port,
    url,
    async createDatabase(name = `cupk_${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop: () =>
      (stopping ??= (async () => {
        process.removeListener('exit', onExit);
        try {
          run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
        } catch {
          server.kill('SIGKILL');
        }
        await exited;
        remove();
      })()),
  };
}

/** Polls with a real connection until the server answers; false if it exits first or never does. */
async function waitReady(port: number, exited: Promise<number | null>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!gone && Date.now() < deadline) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await delay(50);
    }
  }
  return false;
}
