import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrinterStatus, TerminalEvent } from '../bridge/terminal-api.ts';
import { watchPrinter } from './printer-watch.ts';

const OK: PrinterStatus = { ready: true, online: true, paper: 'ok', coverOpen: false, cutterError: false, unrecoverableError: false, autoRecoverableError: false };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('printer watch', () => {
  it('publishes the first status and then only changes, and a silent printer as offline', async () => {
    const answers: (PrinterStatus | Error)[] = [OK, OK, { ...OK, ready: false, paper: 'out' }, new Error('PRINTER_NO_RESPONSE')];
    const events: TerminalEvent[] = [];
    const w = watchPrinter(
      async () => {
        const a = answers.shift() ?? OK;
        if (a instanceof Error) throw a;
        return a;
      },
      (e) => events.push(e),
      1000,
    );
    await vi.advanceTimersByTimeAsync(3500);
    w.stop();
    const statuses = events.map((e) => (e.type === 'printer.status' ? e.status : null));
    expect(statuses).toEqual([OK, { ...OK, ready: false, paper: 'out' }, expect.objectContaining({ ready: false, online: false })]);
    expect(w.last()?.online).toBe(false);
  });
});
