import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { MissingSystemPackageError } from '../serial/pty-pair.ts';

/**
 * Starts the system's pcscd in the foreground, as our child, when none is running, so tests and
 * `npm start` work on a machine without systemd. pcscd then loads the vpcd virtual readers
 * from /etc/reader.conf.d. A pcscd someone else started is used and never stopped.
 */

/** pcsc-lite's client socket; libpcsclite honours the same variable, so we do too. */
export const PCSCD_SOCKET = process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
/** Reader configuration installed by the Debian package vsmartcard-vpcd. */
export const VPCD_READER_CONF = '/etc/reader.conf.d/vpcd';
/** vpcd's port for `Virtual PCD 00 00`; pcscd is ready for virtual cards once it listens there. */
const VPCD_PORT = 35963;
/** Where Debian installs pcscd, which is not on the PATH of a non-root shell. */
const SBIN_DIRS = ['/usr/sbin', '/sbin', '/usr/local/sbin'];
/** /proc/net/tcp socket state LISTEN. */
const TCP_LISTEN = '0A';

export interface PcscdOptions {
  /** Client socket to wait for. Default `PCSCD_SOCKET`. */
  socketPath?: string;
  /** vpcd reader config that must exist, or `false` when real readers are enough. Default `VPCD_READER_CONF`. */
  vpcdConfig?: string | false;
  /** How long pcscd may take to be ready. Default 5000 ms. */
  timeoutMs?: number;
  /** Pass `--debug` and keep its log in `handle.log()`. Default false. */
  debug?: boolean;
}

export interface PcscdHandle {
  /** True when this call started pcscd (and `stop()` will stop it). */
  readonly started: boolean;
  readonly pid: number | undefined;
  readonly socketPath: string;
  /** pcscd's stderr so far (last 64 KiB), when we started it. */
  log(): string;
  /** Stops pcscd if this handle started it; otherwise does nothing. Idempotent. */
  stop(): Promise<void>;
}

export class PcscdStartError extends CupError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('PCSCD_START_FAILED', message, details);
  }
}

/** Resolves true when something accepts connections on the unix socket (a stale file does not). */
export function pcscdAlive(socketPath = PCSCD_SOCKET): Promise<boolean> {
  if (!existsSync(socketPath)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const s = connect(socketPath);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * True when a TCP socket listens on `port`, read from /proc/net/tcp: connecting to vpcd's port
 * to find out would insert a card.
 */
export function tcpListening(port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === TCP_LISTEN) return true;
    }
  }
  return false;
}

/** The pcscd executable, from PATH or the sbin directories. */
export function findPcscd(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, 'pcscd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Makes sure pcscd runs and is ready, starting it (`pcscd -f`) as our child if needed. */
export async function ensurePcscd(options: PcscdOptions = {}): Promise<PcscdHandle> {
  const socketPath = options.socketPath ?? PCSCD_SOCKET;
  const vpcdConfig = options.vpcdConfig ?? VPCD_READER_CONF;
  const timeoutMs = options.timeoutMs ?? 5000;
  if (vpcdConfig !== false && !existsSync(vpcdConfig)) {
    throw new MissingSystemPackageError('vsmartcard-vpcd', `The virtual card reader (${vpcdConfig})`);
  }
  if (await pcscdAlive(socketPath)) return external(socketPath);
  const binary = findPcscd();
  if (!binary) throw new MissingSystemPackageError('pcscd', 'The smart card daemon');

  let stderr = '';
  const child: ChildProcess = spawn(binary, ['-f', ...(options.debug ? ['--debug'] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    stderr = (stderr + s).slice(-65536);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new MissingSystemPackageError('pcscd', 'The smart card daemon') : e),
    ),
  );
  spawnFailed.catch(() => undefined);
  // A pcscd left behind by a crashed test run would outlive us: take it down with the process.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = (await pcscdAlive(socketPath)) && (vpcdConfig === false || tcpListening(VPCD_PORT));
    if (child.exitCode !== null || child.signalCode !== null) {
      process.off('exit', killOnExit);
      // Another pcscd won the race (it refuses to run twice): use that one.
      if (ready) return external(socketPath);
      throw new PcscdStartError(`pcscd exited (${child.exitCode ?? child.signalCode}) before it was ready: ${stderr.trim().slice(-500)}`, {
        stderr: stderr.slice(-2000),
      });
    }
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      process.off('exit', killOnExit);
      throw new PcscdStartError(`pcscd was not ready within ${timeoutMs} ms: ${stderr.trim().slice(-500)}`, { stderr: stderr.slice(-2000) });
    }
    await Promise.race([new Promise((r) => setTimeout(r, 10)), spawnFailed]);
  }

  let stopping: Promise<void> | undefined;
  return {
    started: true,
    pid: child.pid,
    socketPath,
    log: () => stderr,
    stop() {
      stopping ??= (async () => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function external(socketPath: string): PcscdHandle {
  return { started: false, pid: undefined, socketPath, log: () => '', stop: () => Promise.resolve() };
}
