import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningKiosk {
  url: string;
  centralUrl: string;
  dataDir: string;
  terminalId: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the kiosk exactly as `npm start` does without Electron (a Node process with simulated
 * devices and an embedded central), in its own data folder, and waits for the URL it prints.
 */
export async function startKioskProcess(terminalId = 'E2E-01', env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningKiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cupk-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'kiosk/host/main.ts', '--port', '0', '--data', dataDir, '--terminal-id', terminalId],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CUPK_NO_ELECTRON: '1', ...env } },
  );
  let log = '';
  child.stdout!.on('data', (d) => (log += String(d)));
  child.stderr!.on('data', (d) => (log += String(d)));
  const ready = await new Promise<{ url: string; centralUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start in ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const check = () => {
      const kiosk = /Kiosk UI:\s+(http\S+)/.exec(log);
      const central = /Central CUP:\s+(http\S+)/.exec(log);
      if (kiosk && central) {
        clearTimeout(timer);
        resolve({ url: kiosk[1]!.replace(/\/$/, ''), centralUrl: central[1]!.replace(/\/$/, '') });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${log}`));
    });
  });
  return {
    ...ready,
    dataDir,
    terminalId,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
