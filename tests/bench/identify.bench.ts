import { performance } from 'node:perf_hooks';
import {
  bookingCheckDigits,
  classify,
  NRE_REGIONS,
  noticeCode,
  pagopaQr,
  taxCodeCheckChar,
  DEMO_CITIZENS,
  type ClassifiedKind,
} from '@cup-kiosk/sync-service/domain';
import { ensurePcscd, HealthCardReader, type HealthCardEvents } from '../../terminal-drivers/card/index.ts';
import { openSerialScanner, type ScanEvent } from '../../terminal-drivers/scanner/index.ts';
import { openPtyPair } from '../../terminal-drivers/serial/index.ts';
import { cardProfiles, VirtualCardSimulator } from '../../terminal-drivers/sim/card/index.ts';
import { ScannerSimulator } from '../../terminal-drivers/sim/scanner/index.ts';
import { atMost, percentile, type Report } from './report.ts';
import { seeded } from '../seeded-random.ts';

/** vpcd's first virtual reader, where the card simulator inserts its cards. */
const READER = 'Virtual PCD 00 00';
const CARD_INSERTIONS = 10;
/** pcscd asks vpcd whether a card is present this often (its PCSCLITE_STATUS_POLL_RATE). */
const PCSCD_POLL_MS = 400;
const SCANS = 200;
const CLASSIFICATIONS = 200_000;
/** Generous limits so a broken stack fails the benchmark instead of hanging it. */
const CARD_TIMEOUT_MS = 5000;
const SCAN_TIMEOUT_MS = 2000;

const TODAY = new Date('2025-03-12T10:00:00Z');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';


const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `promise`, or a rejection naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One scan or typed text of each kind the kiosk reads, and what `classify` should make of it. */
interface Sample {
  text: string;
  kind: ClassifiedKind;
}

/** Valid codes of every kind, from a seed. */
function validCodes(count: number, rnd: () => number): Sample[] {
  const pick = (alphabet: string, n: number): string => Array.from({ length: n }, () => alphabet.charAt(Math.floor(rnd() * alphabet.length))).join('');
  const regions = Object.keys(NRE_REGIONS);
  const makers: Array<() => Sample> = [
    () => {
      const day = String(1 + Math.floor(rnd() * 28) + (rnd() < 0.5 ? 40 : 0)).padStart(2, '0');
      const first15 = `${pick(LETTERS, 6)}${pick(DIGITS, 2)}${pick('ABCDEHLMPRST', 1)}${day}${pick(LETTERS, 1)}${pick(DIGITS, 3)}`;
      return { text: first15 + taxCodeCheckChar(first15), kind: 'taxCode' };
    },
    () => ({ text: `${regions[Math.floor(rnd() * regions.length)]!}${pick(LETTERS + DIGITS, 12)}`, kind: 'nre' }),
    () => {
      const issued = pick(DIGITS, 10);
      return { text: issued + bookingCheckDigits(issued), kind: 'booking' };
    },
    () => ({ text: noticeCode({ aux: 3, segregation: pick(DIGITS, 2), iuvBase: pick(DIGITS, 13) }), kind: 'pagopa' }),
    () => ({
      text: pagopaQr({ noticeCode: noticeCode({ aux: 0, applicationCode: pick(DIGITS, 2), iuvBase: pick(DIGITS, 13) }), creditorFiscalCode: pick(DIGITS, 11), amountCents: 1 + Math.floor(rnd() * 99_999) }),
      kind: 'pagopa',
    }),
  ];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!());
}

/** A valid code with one character changed, as a misread gives: caught, or at worst another code. */
function garbled(sample: Sample, rnd: () => number): string {
  const at = Math.floor(rnd() * sample.text.length);
  const alphabet = /\d/.test(sample.text.charAt(at)) ? DIGITS : LETTERS;
  let c = sample.text.charAt(at);
  while (c === sample.text.charAt(at)) c = alphabet.charAt(Math.floor(rnd() * alphabet.length));
  return sample.text.slice(0, at) + c + sample.text.slice(at + 1);
}

/** Half valid codes of every kind; half misreads, NRE halves, noise and typed junk. */
function codeMix(count: number, rnd: () => number): string[] {
  const valid = validCodes(Math.ceil(count / 2), rnd);
  const junk = ['', '   ', 'hello', ']Q1', '0700A', '4001234567', 'PAGOPA|002|', '1234 5678', DEMO_CITIZENS[0]!.taxCode.toLowerCase()];
  const bad = Array.from({ length: count - valid.length }, (_, i) => (i % 4 === 3 ? junk[i % junk.length]! : garbled(valid[i % valid.length]!, rnd)));
  const mix = [...valid.map((s) => s.text), ...bad];
  for (let i = mix.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [mix[i], mix[j]] = [mix[j]!, mix[i]!];
  }
  return mix;
}

/**
 * Cards inserted through the real pcscd and its vpcd reader: from the simulator's insert to the
 * driver's `inserted` event, and the driver's own `elapsedMs` from pcscd reporting the card.
 */
async function cardReads(report: Report): Promise<void> {
  const good = cardProfiles().filter((p) => p.citizen && !p.expectedError && !p.answerDelayMs);
  const pcscd = await ensurePcscd();
  const reader = new HealthCardReader();
  const sim = new VirtualCardSimulator();
  const rnd = seeded(7);
  const fromInsert: number[] = [];
  const fromPcscd: number[] = [];
  const perApdu: number[] = [];
  try {
    const attached = reader.next('readerAttached', (e) => e.reader === READER);
    await reader.start();
    await within(attached, CARD_TIMEOUT_MS, `'${READER}' from pcscd`);
    for (let i = 0; i < CARD_INSERTIONS; i++) {
      const profile = good[i % good.length]!;
      // Insert at a random point of pcscd's presence poll: right after a removal is always its start.
      await sleep(rnd() * PCSCD_POLL_MS);
      const outcome = Promise.race([
        reader.next('inserted', (e) => e.reader === READER),
        reader.next('error', (e) => e.reader === READER).then((e: HealthCardEvents['error']) => Promise.reject(new Error(`card ${profile.id}: ${e.code} ${e.message}`))),
      ]);
      const removed = reader.next('removed', (e) => e.reader === READER);
      const t0 = performance.now();
      await sim.insert(profile.id);
      const read = await within(outcome, CARD_TIMEOUT_MS, `read of card ${profile.id}`);
      fromInsert.push(performance.now() - t0);
      fromPcscd.push(read.elapsedMs);
      perApdu.push(read.elapsedMs / read.apduCount);
      await sim.remove();
      await within(removed, CARD_TIMEOUT_MS, `removal of card ${profile.id}`);
    }
  } finally {
    await sim.remove();
    await reader.close();
    await pcscd.stop();
  }
  const n = fromInsert.length;
  for (const [label, p] of [['p50', 50], ['max', 100]] as const) {
    const v = percentile(fromInsert, p);
    report({ name: `card inserted → citizen parsed, from insert, ${label} (${n} cards)`, value: v, unit: 'ms', ...atMost(v, 500, 'ms') });
  }
  report({ name: `card seen by pcscd → citizen parsed (driver), p50`, value: percentile(fromPcscd, 50), unit: 'ms' });
  report({ name: `card seen by pcscd → citizen parsed (driver), max`, value: percentile(fromPcscd, 100), unit: 'ms' });
  // The rest is pcscd noticing the card: its presence poll, then vpcd's power-up and ATR exchange.
  const seen = fromInsert.map((ms, i) => ms - fromPcscd[i]!);
  report({ name: `card inserted → seen by pcscd, p50`, value: percentile(seen, 50), unit: 'ms' });
  report({ name: `driver time per APDU (connect included), p50`, value: percentile(perApdu, 50), unit: 'ms' });
}

/** Scans of every kind, valid and misread, from the simulator over a real pty to the `scan` event. */
async function scans(report: Report): Promise<void> {
  const rnd = seeded(11);
  // Whole codes only: an NRE half would wait to be paired, which is the kiosk's business, not latency.
  const texts = codeMix(SCANS, rnd).filter((t) => t.trim() !== '' && !t.startsWith(']') && t.length > 10);
  while (texts.length < SCANS) texts.push(...validCodes(SCANS - texts.length, rnd).map((s) => s.text));
  const pair = await openPtyPair('bench-scanner');
  const sim = await ScannerSimulator.open(pair.devicePath, { terminator: '\r\n', aimPrefix: true });
  const scanner = await openSerialScanner(pair.hostPath);
  const sample: number[] = [];
  let mismatched = 0;
  try {
    for (const text of texts) {
      const event = new Promise<ScanEvent>((resolve) => scanner.once('scan', resolve));
      const t0 = performance.now();
      await sim.scan(text);
      const e = await within(event, SCAN_TIMEOUT_MS, `scan of '${text}'`);
      sample.push(performance.now() - t0);
      if (e.text !== text || e.classified.kind !== classify(text).kind) mismatched++;
    }
  } finally {
    await scanner.close();
    await sim.close();
    await pair.close();
  }
  report({ name: `scan → classified over a pty, p50 (${sample.length} scans, mixed kinds)`, value: percentile(sample, 50), unit: 'ms' });
  report({ name: `scan → classified over a pty, p99`, value: percentile(sample, 99), unit: 'ms' });
  report({ name: 'scans not delivered as sent or classified otherwise', value: mismatched, unit: '' });
}

/** `classify` alone, over valid codes of every kind and as many misreads and junk. */
function classifyThroughput(report: Report): void {
  const mix = codeMix(10_000, seeded(3));
  for (const t of mix) classify(t, TODAY); // warm the JIT before timing
  const t0 = performance.now();
  for (let i = 0; i < CLASSIFICATIONS; i++) classify(mix[i % mix.length]!, TODAY);
  const s = (performance.now() - t0) / 1000;
  report({ name: `classifications per second (half valid, half garbled)`, value: Math.round(CLASSIFICATIONS / s), unit: '/s' });

  const valid = validCodes(10_000, seeded(5)).map((v) => v.text);
  const t1 = performance.now();
  for (let i = 0; i < CLASSIFICATIONS; i++) classify(valid[i % valid.length]!, TODAY);
  const sv = (performance.now() - t1) / 1000;
  report({ name: `classifications per second (valid codes only)`, value: Math.round(CLASSIFICATIONS / sv), unit: '/s' });
}

/** Identifying a citizen: health card through pcscd, barcode scans over a pty, and classify. */
export default async function (report: Report): Promise<void> {
  await cardReads(report);
  await scans(report);
  classifyThroughput(report);
}
