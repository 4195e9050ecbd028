import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CcTalkBus } from './bus.ts';
import { decodeFrame, encodeFrame } from './cctalk-frame.ts';
import { Header } from './headers.ts';

/** A wire with a scripted device at the far end: `answer` sees each request and returns the bytes to send back. */
class FakeLine extends Duplex {
  readonly writes: Buffer[] = [];
  constructor(private readonly answer: (req: Buffer, n: number) => Buffer[] | Buffer | null) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.writes.push(chunk);
    this.emit('request', chunk);
    const out = this.answer(chunk, this.writes.length);
    setImmediate(() => {
      for (const b of out === null ? [] : Array.isArray(out) ? out : [out]) this.push(b);
    });
    cb();
  }
  override _read(): void {}
}

const ack = (data: number[] = [], src = 2, header: number = Header.REPLY): Buffer => encodeFrame({ destination: 1, source: src, header, data });

describe('CcTalkBus', () => {
  it('sends a request and resolves with the reply data', async () => {
    const line = new FakeLine(() => ack([0x43, 0x41]));
    const bus = new CcTalkBus(line, { echo: false });
    expect([...(await bus.request(2, Header.REQUEST_MANUFACTURER_ID))]).toEqual([0x43, 0x41]);
    expect([...(line.writes[0] ?? [])]).toEqual([...encodeFrame({ destination: 2, source: 1, header: 246 })]);
    await bus.close();
  });

  it('reads back and drops its own echo on a one-wire bus', async () => {
    const line = new FakeLine((req) => [req, ack([7])]);
    const bus = new CcTalkBus(line, { echo: true });
    expect([...(await bus.request(2, Header.SIMPLE_POLL))]).toEqual([7]);
    await bus.close();
  });

  it('on a one-wire bus, takes no reply that arrives ahead of its own echo', async () => {
    // A late reply to a request of a host that died (an old event counter) sits on the line first.
    const stale = ack([3]);
    const line = new FakeLine((req) => [stale, req, ack([8])]);
    const bus = new CcTalkBus(line, { echo: true });
    expect([...(await bus.request(2, Header.SIMPLE_POLL))]).toEqual([8]);
    await bus.close();
  });

  it('ignores frames for other addresses and an unexpected echo', async () => {
    const other = encodeFrame({ destination: 1, source: 3, header: 0, data: [9] });
    const line = new FakeLine((req) => [req, other, ack([1])]);
    const bus = new CcTalkBus(line, { echo: false });
    expect([...(await bus.request(2, Header.SIMPLE_POLL))]).toEqual([1]);
    await bus.close();
  });

  it('rejects NAK and BUSY with typed errors, without retrying', async () => {
    const line = new FakeLine((_req, n) => ack([], 2, n === 1 ? Header.NAK : Header.BUSY));
    const bus = new CcTalkBus(line, { echo: false });
    await expect(bus.request(2, Header.SIMPLE_POLL)).rejects.toMatchObject({ code: 'CCTALK_NAK' });
    await expect(bus.request(2, Header.SIMPLE_POLL)).rejects.toMatchObject({ code: 'CCTALK_BUSY' });
    expect(line.writes).toHaveLength(2);
    await bus.close();
  });

  it('retries a timed-out read a bounded number of times', async () => {
    const line = new FakeLine(() => null);
    const bus = new CcTalkBus(line, { echo: false, timeoutMs: 20, retries: 2 });
    await expect(bus.request(2, Header.READ_BUFFERED_CREDIT)).rejects.toMatchObject({ code: 'CCTALK_TIMEOUT' });
    expect(line.writes).toHaveLength(3);
    await bus.close();
  });

  it('takes a reply that came while this process stood still past the timeout, not a timeout', async () => {
    // The device answers at once, but the host is held up (a long collection) before it reads:
    // the reply is handled after the overdue timer, as bytes from the port are.
    const reply = ack([9], 3);
    const line = new FakeLine(() => null);
    line.on('request', () => {
      const end = performance.now() + 150;
      while (performance.now() < end);
      setTimeout(() => line.push(reply), 0);
    });
    const bus = new CcTalkBus(line, { echo: false, timeoutMs: 30, retries: 0 });
    expect([...(await bus.request(3, Header.DISPENSE_HOPPER_COINS, [1, 2, 3, 4]))]).toEqual([9]);
    expect(line.writes).toHaveLength(1);
    await bus.close();
  });

  it('never retries a command that moves money', async () => {
    const line = new FakeLine(() => null);
    const bus = new CcTalkBus(line, { echo: false, timeoutMs: 20, retries: 5 });
    await expect(bus.request(3, Header.DISPENSE_HOPPER_COINS, [1, 2, 3, 4])).rejects.toMatchObject({ code: 'CCTALK_TIMEOUT' });
    expect(line.writes).toHaveLength(1);
    await bus.close();
  });

  it('reports a corrupted reply as CCTALK_BAD_CHECKSUM and recovers on retry', async () => {
    const line = new FakeLine((_req, n) => {
      const good = ack([3, 0, 0]);
      if (n > 1) return good;
      const bad = Buffer.from(good);
      bad[4] = (bad[4] ?? 0) ^ 0xff;
      return bad;
    });
    const bus = new CcTalkBus(line, { echo: false, timeoutMs: 30, retries: 0, interByteMs: 5 });
    await expect(bus.request(2, Header.READ_BUFFERED_CREDIT)).rejects.toMatchObject({ code: 'CCTALK_BAD_CHECKSUM' });
    expect([...(await bus.request(2, Header.READ_BUFFERED_CREDIT))]).toEqual([3, 0, 0]);
    await bus.close();
  });

  it('keeps one request outstanding at a time', async () => {
    let outstanding = 0;
    let maxOutstanding = 0;
    const line = new FakeLine((req) => {
      outstanding++;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      const r = decodeFrame(req);
      setTimeout(() => {
        outstanding--;
        line.push(ack([r.ok ? r.frame.header : 0], r.ok ? r.frame.destination : 0));
      }, 5);
      return null;
    });
    const bus = new CcTalkBus(line, { echo: false });
    const replies = await Promise.all([bus.request(2, 254), bus.request(3, 166), bus.request(40, 159)]);
    expect(replies.map((d) => d[0])).toEqual([254, 166, 159]);
    expect(maxOutstanding).toBe(1);
    await bus.close();
  });

  it('rejects waiting requests when closed', async () => {
    const line = new FakeLine(() => null);
    const bus = new CcTalkBus(line, { echo: false, timeoutMs: 1000 });
    const a = bus.request(2, Header.SIMPLE_POLL);
    const b = bus.request(2, Header.SIMPLE_POLL);
    await new Promise((r) => setTimeout(r, 5));
    await bus.close();
    await expect(a).rejects.toMatchObject({ code: 'CCTALK_CLOSED' });
    await expect(b).rejects.toMatchObject({ code: 'CCTALK_CLOSED' });
  });
});
