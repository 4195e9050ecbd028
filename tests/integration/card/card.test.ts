import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePcscd, findPcscd, HealthCardReader, type HealthCardEvents, type PcscdHandle } from '../../../terminal-drivers/card/index.ts';
import { cardProfile, cardProfiles, VirtualCardSimulator } from '../../../terminal-drivers/sim/card/index.ts';

/**
 * The health card driver against the real pcscd, its vpcd virtual reader and the card
 * simulator. One file on purpose: pcscd and vpcd's port 35963 are one per machine, so these
 * tests must not run beside each other. A missing Debian package fails here, by name.
 */

const READER = 'Virtual PCD 00 00';
const EMPTY_READER = 'Virtual PCD 00 01';
const APDU_TIMEOUT_MS = 800;

let pcscd: PcscdHandle | undefined;
let reader: HealthCardReader;
const sim = new VirtualCardSimulator();
const timings: { id: string; driverMs: number; insertToParsedMs: number }[] = [];

type Outcome = { kind: 'inserted'; event: HealthCardEvents['inserted'] } | { kind: 'error'; event: HealthCardEvents['error'] };

function nextOutcome(): Promise<Outcome> {
  return Promise.race([
    reader.next('inserted', (e) => e.reader === READER).then((event) => ({ kind: 'inserted' as const, event })),
    reader.next('error', (e) => e.reader === READER).then((event) => ({ kind: 'error' as const, event })),
  ]);
}

/** Inserts a demo card, waits for the driver's verdict, pulls the card and waits for `removed`. */
async function insertAndRead(id: string, removeAtApdu?: number): Promise<Outcome & { insertToParsedMs: number; order: string[] }> {
  const order: string[] = [];
  const offs = [reader.on('error', (e) => order.push(`error:${e.code}`)), reader.on('removed', () => order.push('removed'))];
  const outcome = nextOutcome();
  // Waited for from the start: a card pulled mid-read is reported removed with its error.
  const removed = reader.next('removed', (e) => e.reader === READER);
  const t0 = performance.now();
  await sim.insert(id, removeAtApdu === undefined ? {} : { removeAtApdu });
  const result = await outcome;
  const insertToParsedMs = performance.now() - t0;
  await sim.remove();
  await removed;
  for (const off of offs) off();
  return { ...result, insertToParsedMs, order };
}

beforeAll(async () => {
  if (!findPcscd()) throw new Error("pcscd is not installed: apt-get install pcscd (Debian package 'pcscd')");
  // Throws MissingSystemPackageError('vsmartcard-vpcd') when the vpcd reader config is absent.
  pcscd = await ensurePcscd();
  reader = new HealthCardReader({ apduTimeoutMs: APDU_TIMEOUT_MS });
  const attached = reader.next('readerAttached', (e) => e.reader === READER);
  await reader.start();
  await attached;
});

afterAll(async () => {
  await sim.remove();
  await reader?.close();
  await pcscd?.stop();
  if (timings.length > 0) {
    const sorted = timings.map((t) => t.insertToParsedMs).sort((a, b) => a - b);
    const driver = timings.map((t) => t.driverMs).sort((a, b) => a - b);
    const med = (xs: number[]) => xs[Math.floor(xs.length / 2)]!.toFixed(0);
    console.log(
      `card inserted → citizen parsed through pcscd, n=${timings.length}: ` +
        `from simulator insert median ${med(sorted)} ms (max ${sorted.at(-1)!.toFixed(0)}), ` +
        `from pcscd reporting the card median ${med(driver)} ms (max ${driver.at(-1)!.toFixed(0)})`,
    );
  }
});

describe('health card through pcscd + vpcd', () => {
  it('sees both vpcd readers, empty', () => {
    expect(reader.readers).toEqual(expect.arrayContaining([READER, EMPTY_READER]));
  });

  const good = cardProfiles().filter((p) => p.citizen && !p.expectedError && !p.answerDelayMs);
  for (const profile of good) {
    it(`reads ${profile.label}`, async () => {
      const r = await insertAndRead(profile.id);
      expect(r.kind).toBe('inserted');
      if (r.kind !== 'inserted') return;
      expect(r.event.citizen).toEqual(profile.citizen);
      expect(r.event.atr).toMatch(/^3B FF/);
      expect(r.event.apduCount).toBe(5);
      expect(r.order).toEqual(['removed']);
      timings.push({ id: profile.id, driverMs: r.event.elapsedMs, insertToParsedMs: r.insertToParsedMs });
    });
  }

  it('reads a slow card, within the per-command timeout', async () => {
    const r = await insertAndRead('slow');
    expect(r.kind).toBe('inserted');
    if (r.kind === 'inserted') expect(r.event.citizen).toEqual(cardProfile('slow')!.citizen);
  });

  it('reports an expired card as CARD_EXPIRED, with whose card it is', async () => {
    const r = await insertAndRead('lucia-esposito');
    expect(r.kind === 'error' && r.event.code).toBe('CARD_EXPIRED');
    expect(r.event.citizen?.taxCode).toBe('SPSLCU40A41D969K');
    expect(r.order).toEqual(['error:CARD_EXPIRED', 'removed']);
  });

  for (const [id, code] of [
    ['damaged', 'CARD_DATA_CORRUPT'],
    ['bad-tax-code', 'CARD_DATA_CORRUPT'],
    ['not-ts-cns', 'CARD_NOT_TS_CNS'],
    ['mute', 'CARD_MUTE'],
  ] as const) {
    it(`reports the ${id} card as ${code}`, async () => {
      const r = await insertAndRead(id);
      expect(r.kind === 'error' && r.event.code).toBe(code);
      expect(r.order).toEqual([`error:${code}`, 'removed']);
    });
  }

  for (const at of [1, 2, 3, 4, 5]) {
    it(`reports CARD_REMOVED when the card is pulled at APDU ${at} of 5, then removed`, async () => {
      const r = await insertAndRead('mario-rossi', at);
      expect(r.kind === 'error' && r.event.code).toBe('CARD_REMOVED');
      expect(r.order).toEqual(['error:CARD_REMOVED', 'removed']);
    });
  }

  it('readNow reads the card in a named reader, and names what is missing', async () => {
    const outcome = nextOutcome();
    await sim.insert('giuseppe-verdi');
    await outcome;
    await expect(reader.readNow(READER)).resolves.toMatchObject({ taxCode: 'VRDGPP50H22D96VF', birthplaceCode: 'D969' });
    await expect(reader.readNow()).resolves.toMatchObject({ taxCode: 'VRDGPP50H22D96VF' });
    const removed = reader.next('removed');
    await sim.remove();
    await removed;
    await expect(reader.readNow(EMPTY_READER)).rejects.toMatchObject({ code: 'CARD_ABSENT' });
    await expect(reader.readNow('No Such Reader')).rejects.toMatchObject({ code: 'CARD_READER_MISSING' });
  });

  it('reads a citizen within 500 ms of pcscd reporting the card', () => {
    const driver = timings.map((t) => t.driverMs).sort((a, b) => a - b);
    expect(driver.length).toBeGreaterThan(0);
    expect(driver[Math.floor(driver.length / 2)]).toBeLessThan(500);
  });
});
