import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanSplitter, type ScanDiscard, type ScanLine, type ScanSplitterOptions } from './scan-splitter.ts';

/** Feeds the chunks in order and collects what comes out. */
function run(chunks: (string | number[])[], options: ScanSplitterOptions = {}): { lines: ScanLine[]; discards: ScanDiscard[]; splitter: ScanSplitter } {
  const splitter = new ScanSplitter(options);
  const lines: ScanLine[] = [];
  const discards: ScanDiscard[] = [];
  splitter.on('data', (l: ScanLine) => lines.push(l));
  splitter.on('discard', (d: ScanDiscard) => discards.push(d));
  for (const c of chunks) splitter.write(typeof c === 'string' ? Buffer.from(c, 'latin1') : Buffer.from(c));
  return { lines, discards, splitter };
}

const texts = (lines: ScanLine[]): string[] => lines.map((l) => l.text);

afterEach(() => {
  vi.useRealTimers();
});

describe('ScanSplitter', () => {
  it('ends a scan on CR and on CR LF, and keeps the AIM identifier apart', () => {
    const { lines } = run([']A0RSSMRA80A01H501U\r', ']C0123456789092\r\n', 'PLAIN\n']);
    expect(lines).toEqual([
      { text: 'RSSMRA80A01H501U', aim: { id: ']A0', symbology: 'code39' } },
      { text: '123456789092', aim: { id: ']C0', symbology: 'code128' } },
      { text: 'PLAIN' },
    ]);
  });

  it('joins a scan split across reads, CR LF split included', () => {
    const { lines } = run([']Q', '1PAGOPA|002|3990000123', '45678990|83000390019|222250\r', '\n', 'NEXT\r']);
    expect(texts(lines)).toEqual(['PAGOPA|002|399000012345678990|83000390019|222250', 'NEXT']);
  });

  it('splits two scans in one read', () => {
    const { lines, splitter } = run(['123456789092\r\nRSSMRA80A01H501U\r\n0700A']);
    expect(texts(lines)).toEqual(['123456789092', 'RSSMRA80A01H501U']);
    expect(splitter.pending).toBe(5);
  });

  it('drops noise bytes, inside a scan or between scans, and reports them', () => {
    const { lines, discards } = run([[0x00, 0xff, 0x1b], [0x31, 0x32, 0x07, 0x33, 0x0d], [0x80, 0x7f, 0x0d, 0x0a]]);
    expect(texts(lines)).toEqual(['123']);
    expect(discards.map((d) => [d.reason, [...d.bytes]])).toEqual([
      ['noise', [0x00, 0xff, 0x1b]],
      ['noise', [0x07]],
      ['noise', [0x80, 0x7f]],
    ]);
  });

  it('gives nothing for empty lines or an identifier alone', () => {
    expect(run(['\r\n\r\r\n', ']Q1\r', '   \r']).lines).toEqual([]);
  });

  it('drops a partial scan after the timeout, so it does not glue to the next', () => {
    vi.useFakeTimers();
    const { lines, discards, splitter } = run(['RSSMRA80'], { partialTimeoutMs: 100 });
    vi.advanceTimersByTime(99);
    expect(splitter.pending).toBe(8);
    vi.advanceTimersByTime(1);
    expect(discards).toEqual([{ bytes: Buffer.from('RSSMRA80'), reason: 'no-terminator' }]);
    splitter.write(Buffer.from('123456789092\r'));
    expect(texts(lines)).toEqual(['123456789092']);
  });

  it('restarts the timeout on every byte that arrives', () => {
    vi.useFakeTimers();
    const { lines, splitter } = run(['RSSMRA'], { partialTimeoutMs: 100 });
    vi.advanceTimersByTime(80);
    splitter.write(Buffer.from('80A01'));
    vi.advanceTimersByTime(80);
    splitter.write(Buffer.from('H501U\r'));
    expect(texts(lines)).toEqual(['RSSMRA80A01H501U']);
  });

  it('drops an overlong run and a partial scan at the end of the stream', async () => {
    const { discards, splitter } = run(['x'.repeat(20)], { maxLength: 10, partialTimeoutMs: 0 });
    expect(discards[0]?.reason).toBe('too-long');
    splitter.end();
    await new Promise((r) => splitter.on('finish', r));
    expect(discards.map((d) => d.reason)).toEqual(['too-long', 'no-terminator']);
  });

  it('gives the same scans however the bytes are cut into reads', () => {
    const scan = fc.string({ unit: fc.constantFrom(...'ABC123|]Q '), minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !/^\s*\][A-Za-z][0-9A-Za-z]\s*$/.test(s));
    fc.assert(
      fc.property(fc.array(fc.tuple(scan, fc.constantFrom('\r', '\r\n')), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (scans, cuts) => {
        const bytes = scans.map(([s, t]) => s + t).join('');
        const at = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, i) => bytes.slice(from, at[i] ?? bytes.length)).filter((c) => c.length > 0);
        const { lines } = run(chunks, { partialTimeoutMs: 0 });
        const whole = run([bytes], { partialTimeoutMs: 0 }).lines;
        expect(lines).toEqual(whole);
        expect(lines).toHaveLength(scans.length);
      }),
    );
  });

  it('never throws on fuzzed bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), (chunks) => {
        const { lines } = run(chunks.map((c) => [...c]), { partialTimeoutMs: 0 });
        for (const l of lines) expect(l.text).toMatch(/^[\x20-\x7e]+$/);
      }),
    );
  });
});
