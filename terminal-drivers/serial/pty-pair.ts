import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CupError } from '@cup-kiosk/sync-service/domain';

/**
 * A pair of linked pseudo-terminals made by `socat`: what one end writes, the other reads, with
 * the termios of a real serial line. The driver opens `hostPath` with `serialport`; a simulator
 * opens `devicePath`. This is how every serial device runs in development and tests.
 */
export interface PtyPair {
  readonly hostPath: string;
  readonly devicePath: string;
  close(): Promise<void>;
}

export class MissingSystemPackageError extends CupError {
  constructor(pkg: string, what: string) {
    super('SYSTEM_PACKAGE_MISSING', `${what} needs the Debian package '${pkg}': apt-get install ${pkg}`, { package: pkg });
  }
}

/** Starts socat and resolves once both link paths exist (socat creates them when ready). */
export async function openPtyPair(name = 'dev', timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), `cupk-pty-${name}-`));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  let child: ChildProcess;
  try {
    child = spawn('socat', [`pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch {
    throw new MissingSystemPackageError('socat', 'The serial pty pair');
  }
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new MissingSystemPackageError('socat', 'The serial pty pair') : e),
    );
  });
  const ready = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (!(existsSync(hostPath) && existsSync(devicePath))) {
      if (Date.now() > deadline) throw new CupError('PTY_TIMEOUT', `socat did not create ${hostPath} in ${timeoutMs} ms`);
      if (child.exitCode !== null) throw new CupError('PTY_FAILED', `socat exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  await Promise.race([ready, spawnError]);
  let closed = false;
  return {
    hostPath,
    devicePath,
    async close() {
      if (closed) return;
      closed = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
