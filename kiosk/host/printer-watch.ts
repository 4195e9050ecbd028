import type { PrinterStatus, TerminalEvent } from '../bridge/terminal-api.ts';

const NOT_ANSWERING: PrinterStatus = {
  ready: false,
  online: false,
  paper: 'ok',
  coverOpen: false,
  cutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
};

/**
 * Asks the printer for its status on a steady period and publishes `printer.status` when it
 * changes, so the screens know before a citizen starts paying that no receipt could print.
 * A printer that does not answer is reported as offline and not ready.
 */
export function watchPrinter(
  status: () => Promise<PrinterStatus>,
  publish: (e: TerminalEvent) => void,
  everyMs = 3000,
): { stop(): void; last(): PrinterStatus | null } {
  let last: PrinterStatus | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    const now = await status().catch(() => NOT_ANSWERING);
    running = false;
    if (last === null || JSON.stringify(now) !== JSON.stringify(last)) {
      last = now;
      publish({ type: 'printer.status', status: now });
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  return {
    stop: () => clearInterval(timer),
    last: () => last,
  };
}
