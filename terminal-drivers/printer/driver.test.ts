import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EscPosPrinter, type PrinterPort } from './driver.ts';
import { text, cut } from './document.ts';
import { EPSON_TM_T88 } from './profiles.ts';

/** A port that answers each DLE EOT with the next byte of `replies` (or nothing). */
class FakePort extends EventEmitter implements PrinterPort {
  written: Buffer[] = [];
  constructor(private readonly reply: (n: number) => number | undefined) {
    super();
  }
  write(data: Buffer, cb?: (e: Error | null | undefined) => void): boolean {
    this.written.push(data);
    if (data[0] === 0x10 && data[1] === 0x04) {
      const r = this.reply(data[2]!);
      if (r !== undefined) setImmediate(() => this.emit('data', Buffer.from([r])));
    }
    cb?.(null);
    return true;
  }
}

describe('EscPosPrinter over a fake port', () => {
  it('sends DLE EOT 1..4 and decodes the replies', async () => {
    const port = new FakePort(() => 0x12);
    const status = await new EscPosPrinter(port, EPSON_TM_T88).status();
    expect(status.ready).toBe(true);
    expect(Buffer.concat(port.written).toString('hex')).toBe('100401100402100403100404');
  });

  it('rejects a wrong status byte with PRINTER_BAD_STATUS', async () => {
    const port = new FakePort((n) => (n === 3 ? 0x00 : 0x12));
    await expect(new EscPosPrinter(port, EPSON_TM_T88).status()).rejects.toMatchObject({ code: 'PRINTER_BAD_STATUS' });
  });

  it('rejects with PRINTER_NO_RESPONSE after its timeout', async () => {
    const port = new FakePort(() => undefined);
    await expect(new EscPosPrinter(port, EPSON_TM_T88, { timeoutMs: 50 }).status()).rejects.toMatchObject({ code: 'PRINTER_NO_RESPONSE' });
  });

  it('refuses to print when not ready and sends no job byte', async () => {
    const port = new FakePort((n) => (n === 4 ? 0x7e : n === 2 ? 0x32 : n === 1 ? 0x1a : 0x12));
    await expect(new EscPosPrinter(port, EPSON_TM_T88).print({ elements: [text('x'), cut()] })).rejects.toMatchObject({ code: 'PRINTER_PAPER_OUT' });
    expect(port.written.every((b) => b[0] === 0x10)).toBe(true);
  });

  it('asks the status before the job and after the cut', async () => {
    const port = new FakePort(() => 0x12);
    const result = await new EscPosPrinter(port, EPSON_TM_T88, { checkEvery: 10 }).print({ elements: [text('a'), text('b'), cut()] });
    const statusRounds = port.written.filter((b) => b[0] === 0x10 && b[2] === 1).length;
    expect(statusRounds).toBe(2);
    expect(result.statusAfter.ready).toBe(true);
  });
});
