import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { issueEnrolmentCode, PgCentralStore } from '@cup-kiosk/sync-service/central';
import { enrollTerminal, generateTerminalKey, terminalSigner, type RequestSigner } from '@cup-kiosk/sync-service/client';
import { bookingCheckDigits, type AgendaSlot, type PrescriptionRecord } from '@cup-kiosk/sync-service/domain';
import { MAX_BATCH_ITEMS, type SyncItem } from '@cup-kiosk/sync-service/protocol';
import { startPgServer } from '../integration/pg/pg-server.ts';
import { atMost, formatFigure, type Figure } from './report.ts';

// `npm run bench:region`: one regional year on PostgreSQL. 1,000 terminals send 3.73 M bookings
// and 1.10 M payments (Liguria's year) over signed HTTP to a central process, then the year is
// reconciled; the goal is 15 minutes for both, and the central's memory is reported.
// CUPK_REGION_SCALE=0.01 runs a hundredth of it (the agendas and prescriptions seeded first are
// not timed: a region's come from its own systems).

const SCALE = Number(process.env.CUPK_REGION_SCALE ?? 1);
const TERMINALS = Math.max(1, Math.round(1000 * Math.min(1, SCALE * 10)));
const BOOKINGS = Math.round(3_730_000 * SCALE);
const PAYMENTS = Math.round(1_100_000 * SCALE);
/** Terminals sending at once: a central sees many, each waits for its own answer. */
const IN_FLIGHT = Number(process.env.CUPK_REGION_IN_FLIGHT ?? 16);
const YEAR = 2027;
const DAYS = 365;
const ADMIN_TOKEN = 'region-bench-admin-token';
const TAX_CODE = 'RSSMRA85T10A562S';
const TARIFF = 2066;

const PROVIDERS = [
  { id: 'asl1-imperiese', name: 'ASL 1 Imperiese', fiscalCode: '01083060085' },
  { id: 'asl2-savonese', name: 'ASL 2 Savonese', fiscalCode: '01062990096' },
  { id: 'asl3-genovese', name: 'ASL 3 Genovese', fiscalCode: '03399650104' },
  { id: 'asl4-chiavarese', name: 'ASL 4 Chiavarese', fiscalCode: '01038700991' },
  { id: 'asl5-spezzino', name: 'ASL 5 Spezzino', fiscalCode: '00962520110' },
];

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** The i-th booking's code: `4` and a sequence, with its MOD 97 check digits (its own range, no clash with the demo's). */
const codeOf = (i: number) => {
  const first10 = `4${pad(i, 9)}`;
  return first10 + bookingCheckDigits(first10);
};
const nreOf = (i: number) => `070R${pad(i, 11)}`;
/** Booking i's day and time: 08:00 to 17:50 in ten-minute steps, over the year. */
const PER_DAY = Math.ceil(BOOKINGS / DAYS);
function startOf(i: number): string {
  const day = Math.floor(i / PER_DAY);
  const minute = 8 * 60 + ((i % PER_DAY) % 60) * 10;
  const date = new Date(Date.UTC(YEAR, 0, 1 + day));
  return `${date.toISOString().slice(0, 10)}T${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}`;
}
/** About 29.5% of bookings are paid at a terminal, as 1.10 M of 3.73 M. */
const paid = (i: number) => (i * 7919) % 10_000 < Math.round((PAYMENTS / BOOKINGS) * 10_000);

function slot(i: number): AgendaSlot {
  const provider = PROVIDERS[i % PROVIDERS.length]!;
  return {
    slotId: `R${pad(i, 9)}`,
    provider,
    place: { name: `Poliambulatorio ${i % 40}`, address: 'Via Assarotti 35, Genova' },
    serviceCode: '89.7',
    startsAt: startOf(i),
    durationMinutes: 10,
    intramoenia: false,
  };
}

function prescription(i: number): PrescriptionRecord {
  return { nre: nreOf(i), taxCode: TAX_CODE, priority: 'P', issuedOn: `${YEAR - 1}-12-01`, prescriber: 'Dott. Bianchi', services: [{ code: '89.7', description: 'Visita generale', tariffCents: TARIFF }], exemptions: [] };
}

/** The central process and its peak memory, read from /proc as the kernel counts it. */
async function startCentralProcess(pgUrl: string): Promise<{ child: ChildProcess; url: string; rssKb: () => number; peakKb: () => number }> {
  // CUPK_REGION_CENTRAL_ARGS: node flags for the central alone, e.g. `--cpu-prof` to see where its time goes.
  const nodeArgs = (process.env.CUPK_REGION_CENTRAL_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bin/cupk.mjs', 'central', 'start', '--pg', pgUrl, '--port', '0', '--admin-token', ADMIN_TOKEN, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`central exited ${code}`)));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line.includes('central ready')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stdout!.resume();
  });
  const status = (field: string) => Number(/\d+/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field)) ?? '0')?.[0] ?? 0);
  return { child, url, rssKb: () => status('VmRSS'), peakKb: () => status('VmHWM') };
}

/** One terminal's year: each booking it made, its payment right after when paid there. */
function* itemsOf(t: number, terminalId: string): Generator<SyncItem> {
  let seq = 0;
  for (let i = t; i < BOOKINGS; i += TERMINALS) {
    const code = codeOf(i);
    const at = `${startOf(i).slice(0, 10)}T07:00:00.000Z`;
    const s = slot(i);
    yield {
      seq: ++seq,
      key: `${terminalId}-b${i}`,
      kind: 'booking',
      createdAt: at,
      payload: {
        terminalId,
        holdId: `offline-${i}`,
        slotId: s.slotId,
        nre: nreOf(i),
        booking: { code, taxCode: TAX_CODE, provider: s.provider, place: s.place, startsAt: s.startsAt, prescriptions: [{ nre: nreOf(i), services: prescription(i).services }], exemptions: [], status: 'booked', intramoenia: false },
        payAt: 'now',
        bookedAt: at,
        provisional: true,
      },
    };
    if (paid(i)) {
      yield {
        seq: ++seq,
        key: `${terminalId}-p${i}`,
        kind: 'payment',
        createdAt: at,
        payload: { paymentId: `${terminalId}-pay-${i}`, transactionId: `T${i}`, bookingCode: code, taxCode: TAX_CODE, amountCents: TARIFF, paidCents: TARIFF, changeCents: 0, cashRoundingCents: 0, method: 'card', cardCents: TARIFF, ruleVersion: 'demo-4', paidAt: at, terminalId },
      };
    }
  }
}

async function sendAll(url: string, terminalId: string, sign: RequestSigner, items: Iterable<SyncItem>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let batch: SyncItem[] = [];
  const send = async () => {
    const body = JSON.stringify({ terminalId, items: batch });
    const path = '/v1/sync/batches';
    for (;;) {
      const r = await fetch(url + path, { method: 'POST', headers: { ...(await sign({ method: 'POST', path, body })), 'content-type': 'application/json' }, body });
      if (r.status === 200) {
        for (const res of ((await r.json()) as { results: { status: string; reason?: string }[] }).results) {
          const k = res.reason ?? res.status;
          counts[k] = (counts[k] ?? 0) + 1;
        }
        break;
      }
      // A central that is busy answers 503; anything else is a bug in the bench.
      if (r.status !== 503) throw new Error(`batch of ${terminalId}: ${r.status} ${await r.text()}`);
      await new Promise((res) => setTimeout(res, 200));
    }
    batch = [];
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === MAX_BATCH_ITEMS) await send();
  }
  if (batch.length > 0) await send();
  return counts;
}

async function main(): Promise<void> {
  const results: Figure[] = [];
  const report = (f: Figure) => {
    results.push(f);
    console.log(formatFigure(f));
  };
  console.log(`region: ${BOOKINGS} bookings and ${PAYMENTS} payments (scale ${SCALE}) from ${TERMINALS} terminals, ${IN_FLIGHT} at once`);
  const server = await startPgServer({ durable: true });
  try {
    const pgUrl = await server.createDatabase();
    const store = await PgCentralStore.open(pgUrl, { max: 4 });
    const seedT0 = performance.now();
    for (let from = 0; from < BOOKINGS; from += 20_000) {
      const ids = Array.from({ length: Math.min(20_000, BOOKINGS - from) }, (_, k) => from + k);
      await store.addSlots(ids.map(slot));
      await store.addPrescriptions(ids.map(prescription));
    }
    console.log(`  seeded ${BOOKINGS} slots and prescriptions in ${((performance.now() - seedT0) / 1000).toFixed(0)} s (not timed)`);
    const central = await startCentralProcess(pgUrl);
    try {
      const terminals: { terminalId: string; sign: RequestSigner; index: number }[] = [];
      for (let t = 0; t < TERMINALS; t++) {
        const terminalId = `LIG-${pad(t, 4)}`;
        const { code } = await issueEnrolmentCode(store, terminalId);
        const keys = generateTerminalKey();
        await enrollTerminal({ centralUrl: central.url, terminalId, code, publicKey: keys.publicKey });
        terminals.push({ terminalId, sign: terminalSigner({ terminalId, privateKey: keys.privateKey }), index: t });
      }
      await store.close();
      const rssBefore = central.rssKb();

      const totals: Record<string, number> = {};
      let next = 0;
      let done = 0;
      let peakRss = rssBefore;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, central.rssKb())), 1000);
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < terminals.length) {
            const t = terminals[next++]!;
            const counts = await sendAll(central.url, t.terminalId, t.sign, itemsOf(t.index, t.terminalId));
            for (const [k, v] of Object.entries(counts)) totals[k] = (totals[k] ?? 0) + v;
            if (++done % Math.max(1, Math.round(TERMINALS / 10)) === 0) process.stderr.write(`  ${done} of ${TERMINALS} terminals sent (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
          }
        }),
      );
      const ingestS = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const items = Object.values(totals).reduce((a, b) => a + b, 0);
      const payments = items - BOOKINGS;
      console.log(`  answers: ${JSON.stringify(totals)}`);
      if ((totals.stored ?? 0) !== items) throw new Error(`${items} items sent, ${totals.stored ?? 0} stored`);

      // Reconciled as a region does it, day by day: each day's answer lists every terminal and provider.
      const r0 = performance.now();
      const year = { payments: 0, collectedCents: 0 };
      const days: string[] = Array.from({ length: DAYS }, (_, d) => new Date(Date.UTC(YEAR, 0, 1 + d)).toISOString().slice(0, 10));
      for (const day of days) {
        const rec = await fetch(`${central.url}/v1/admin/reconciliation?from=${day}&to=${day}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        if (!rec.ok) throw new Error(`reconciliation of ${day}: ${rec.status} ${await rec.text()}`);
        const { totals } = (await rec.json()) as { totals: { payments: number; collectedCents: number } };
        year.payments += totals.payments;
        year.collectedCents += totals.collectedCents;
        peakRss = Math.max(peakRss, central.rssKb());
      }
      const reconcileS = (performance.now() - r0) / 1000;
      // The year's money must be every payment sent, to the cent.
      if (year.payments !== payments || year.collectedCents !== payments * TARIFF) throw new Error(`reconciled ${year.payments} payments, ${year.collectedCents} c; sent ${payments}`);

      report({ name: `ingest of ${items} transactions (${BOOKINGS} bookings + ${payments} payments), signed HTTP, PostgreSQL`, value: Math.round(ingestS), unit: 's' });
      report({ name: 'ingest rate', value: Math.round(items / ingestS), unit: '/s' });
      report({ name: `reconciliation of the year, day by day (${days.length} days, ${PROVIDERS.length} providers, ${(year.collectedCents / 100).toFixed(2)} €)`, value: Math.round(reconcileS * 10) / 10, unit: 's' });
      const total = Math.round(ingestS + reconcileS);
      const goal = Math.round(15 * 60 * SCALE);
      report({ name: `ingested and reconciled${SCALE === 1 ? '' : ` (goal scaled to ${SCALE})`}`, value: total, unit: 's', ...atMost(total, goal, 's') });
      report({ name: 'central process memory before the load (RSS)', value: Math.round(rssBefore / 1024), unit: 'MB' });
      report({ name: 'central process memory, highest sampled during load and reconciliation (RSS)', value: Math.round(peakRss / 1024), unit: 'MB' });
      report({ name: 'central process memory, peak as the kernel counts it (VmHWM)', value: Math.round(central.peakKb() / 1024), unit: 'MB' });
    } finally {
      central.child.kill('SIGTERM');
    }
  } finally {
    await server.stop();
  }
  if (results.some((r) => r.ok === false)) process.exitCode = 1;
}

await main();
