import { spawn, type ChildProcess } from 'node:child_process';

/** A child process whose stdout and stderr are kept, and which can be killed with no warning. */
export interface Child {
  process: ChildProcess;
  output(): string;
  /** SIGKILL, as a power cut or the OOM killer would, and waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM and waits (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** `abort`: SIGKILL the child before it is ready (the start then rejects). */
function spawnChild(args: string[], ready: RegExp, timeoutMs: number, abort?: AbortSignal): Promise<{ child: Child; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CUPK_NO_ELECTRON: '1' } });
  let log = '';
  proc.stdout!.on('data', (d) => (log += String(d)));
  proc.stderr!.on('data', (d) => (log += String(d)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const waitExit = async (signal: NodeJS.Signals) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    await exited;
  };
  const child: Child = {
    process: proc,
    output: () => log,
    kill: () => waitExit('SIGKILL'),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      await waitExit('SIGKILL');
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void child.kill();
      reject(new Error(`${args.join(' ')} not ready in ${timeoutMs} ms:\n${log}`));
    }, timeoutMs);
    const check = () => {
      const match = ready.exec(log);
      if (!match) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      abort?.removeEventListener('abort', onAbort);
      resolve({ child, match });
    };
    const onAbort = () => void child.kill();
    abort?.addEventListener('abort', onAbort, { once: true });
    proc.stdout!.on('data', check);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited (${code ?? signal}) before it was ready:\n${log}`));
    });
  });
}

export interface RigProcess extends Child {
  url: string;
}

/** The device rig (as `cupk sim start --json` runs it) in its own process; `posDelayMs`: its cardholder's time. */
export async function startRigProcess(o: { statePath: string; posDelayMs?: number }, timeoutMs = 30_000): Promise<RigProcess> {
  const args = ['tests/integration/crash/rig-process.ts', '--state', o.statePath, ...(o.posDelayMs === undefined ? [] : ['--pos-delay', String(o.posDelayMs)])];
  const { child, match } = await spawnChild(args, /^(\{.*"url".*\})$/m, timeoutMs);
  return { ...child, url: (JSON.parse(match[1]!) as { url: string }).url };
}

export interface HostProcess extends Child {
  url: string;
}

/** The kiosk host as `npm start` runs it, on the rig's devices and an external central. */
export async function startHostProcess(o: { dataDir: string; terminalId: string; centralUrl: string; rigUrl: string; abort?: AbortSignal }, timeoutMs = 30_000): Promise<HostProcess> {
  const { child, match } = await spawnChild(
    ['kiosk/host/main.ts', '--port', '0', '--data', o.dataDir, '--terminal-id', o.terminalId, '--central', o.centralUrl, '--devices', o.rigUrl],
    /Kiosk UI:\s+(http\S+)/,
    timeoutMs,
    o.abort,
  );
  return { ...child, url: match[1]!.replace(/\/$/, '') };
}
