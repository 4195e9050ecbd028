import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { RuleBook, SyncClient } from '@cup-kiosk/sync-service/client';
import { DEMO_RULE_SETS, todayInRome } from '@cup-kiosk/sync-service/domain';
import { IncomeBandPayloadSchema } from '@cup-kiosk/sync-service/protocol';
import { INCOME_BAND_STATEMENT } from '../../../kiosk/bridge/income-band-form.ts';
import { centralPort } from '../../../kiosk/host/central-link.ts';
import { incomeBandOutboxKey } from '../../../kiosk/host/income-band-store.ts';
import { declareIncomeBand, enrol, openTerminal, tempDir, type EnrolledTerminal, type TestTerminal } from '../sync/helpers.ts';
import { startKioskRig, TERMINAL, type KioskRig } from './kiosk-rig.ts';

// A citizen self-certifies their income band at the kiosk against a real central over signed
// HTTP: the declaration and its outbox item are on disk before the answer, the kiosk's quotes use
// it at once (a region charges by band from today), the sync takes it to the central, which
// answers it to another terminal; and the newest declaration wins, wherever it was made.

const MARIO = 'RSSMRA85T10A562S';
const BOOKING = '123456789092'; // Mario Rossi, 32,28 € of tariffs
const TARIFFS = 3228;
/** The band quotas of demo-3, republished by a region from today: 0, 5, 10 and 15 euro; none declared is band 4. */
const QUOTA = { 1: 0, 2: 500, 3: 1000, 4: 1500 } as const;

let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let centralUp: boolean;
let kiosk: EnrolledTerminal;
let client: SyncClient;
let rules: RuleBook | undefined;
let rig: KioskRig;
/** Another channel of the same CUP: a pharmacy counter with its own key and outbox. */
let pharmacy: { terminal: TestTerminal; client: SyncClient };
let today: string;

beforeEach(async () => {
  dir = tempDir('cupk-bands-');
  today = todayInRome(new Date());
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), seedDemo: true });
  centralUp = true;
  const demo3 = DEMO_RULE_SETS.find((r) => r.version === 'demo-3')!;
  await central.publishRuleSet({ ...demo3, version: `bands-${today}`, effectiveFrom: today, description: 'Quota by household income band again, from today.' });
  kiosk = await enrol(central, TERMINAL);
  rules = undefined;
  rig = await startKioskRig({
    central: (tdb) => {
      client = new SyncClient({ outbox: tdb.outbox, centralUrl: central.url, terminalId: TERMINAL, sign: kiosk.sign, requestTimeoutMs: 2000 });
      return centralPort(client);
    },
    ruleSets: () => rules?.held() ?? DEMO_RULE_SETS,
  });
  rules = await RuleBook.open(rig.tdb.db);
  expect((await rules.refresh(client)).received).toContain(`bands-${today}`);
  const keys = await enrol(central, 'PHARMACY-7');
  const terminal = await openTerminal(dir.path, 'PHARMACY-7');
  pharmacy = { terminal, client: new SyncClient({ outbox: terminal.outbox, centralUrl: central.url, terminalId: 'PHARMACY-7', sign: keys.sign, requestTimeoutMs: 2000 }) };
});

afterEach(async () => {
  await client.stop();
  await pharmacy.client.stop();
  await rig.close();
  await pharmacy.terminal.db.close();
  if (centralUp) await central.close();
  dir.remove();
});

const quoted = async () => (await rig.host.findBooking(BOOKING)).amountDueCents;
/** Declarations waiting in the outbox (the hoppers' first fill is in there too). */
const bandsPending = async () => (await rig.tdb.outbox.pending(500)).filter((i) => i.kind === 'income-band');

describe('an income band self-certified at the kiosk', () => {
  it('is on disk with its outbox item, quoted with at once, synced, and known to every terminal', async () => {
    expect((await rig.host.findBooking(BOOKING)).ruleVersion).toBe(`bands-${today}`);
    expect(await quoted()).toBe(TARIFFS + QUOTA[4]);
    expect(await rig.host.incomeBand(MARIO)).toEqual({ band: null, declaredOn: null });

    const declared = await rig.host.declareIncomeBand({ taxCode: MARIO, band: 2 });
    expect(declared).toEqual({ declarationId: expect.any(String), band: 2, declaredOn: today });
    const item = await rig.tdb.outbox.get(incomeBandOutboxKey(declared.declarationId));
    expect(item?.kind).toBe('income-band');
    expect(IncomeBandPayloadSchema.parse(item!.payload)).toMatchObject({ taxCode: MARIO, band: 2, declaredOn: today, terminalId: TERMINAL, statement: INCOME_BAND_STATEMENT });

    // The central has not heard of it yet; the kiosk quotes with it all the same.
    expect((await client.incomeBand(MARIO, today)).band).toBeNull();
    expect(await quoted()).toBe(TARIFFS + QUOTA[2]);
    expect(await rig.host.incomeBand(MARIO)).toEqual({ band: 2, declaredOn: today });

    expect(await client.syncNow()).toMatchObject({ conflicts: [] });
    expect((await rig.tdb.outbox.get(incomeBandOutboxKey(declared.declarationId)))?.status).toBe('acked');
    expect(await pharmacy.client.incomeBand(MARIO, today)).toMatchObject({ band: 2, declaredOn: today });

    // Paid at the band declared: the central takes the payment under the rules it published.
    const { amountDueCents } = await rig.host.beginPayment({ items: [{ kind: 'booking', bookingCode: BOOKING }], taxCode: MARIO, method: 'card' });
    expect(amountDueCents).toBe(TARIFFS + QUOTA[2]);
    await rig.waitFor('payment.committed');
    expect(await client.syncNow()).toMatchObject({ conflicts: [] });
    expect((await client.lookupBooking(BOOKING)).status).toBe('paid');
  });

  it('gives way to a later declaration made elsewhere, and wins over an earlier one', async () => {
    const yesterday = todayInRome(new Date(Date.now() - 86_400_000));
    await declareIncomeBand(pharmacy.terminal, 'band-3', { taxCode: MARIO, band: 3, declaredOn: yesterday, declaredAt: `${yesterday}T09:00:00.000Z` });
    expect((await pharmacy.client.syncNow()).conflicts).toEqual([]);
    expect(await rig.host.incomeBand(MARIO)).toEqual({ band: 3, declaredOn: yesterday });
    expect(await quoted()).toBe(TARIFFS + QUOTA[3]);

    // Newer than what the central holds: the kiosk's own is used.
    await rig.host.declareIncomeBand({ taxCode: MARIO, band: 1 });
    expect(await quoted()).toBe(TARIFFS + QUOTA[1]);

    // Later the same day Mario declares again at the pharmacy; the central has it first.
    await declareIncomeBand(pharmacy.terminal, 'band-4', { taxCode: MARIO, band: 4, declaredOn: today, declaredAt: new Date().toISOString() });
    expect((await pharmacy.client.syncNow()).conflicts).toEqual([]);
    expect(await rig.host.incomeBand(MARIO)).toEqual({ band: 4, declaredOn: today });
    expect(await quoted()).toBe(TARIFFS + QUOTA[4]);

    // Both reach the central, which answers the pharmacy's, the later of the two.
    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await pharmacy.client.incomeBand(MARIO, today)).band).toBe(4);
  });

  it('survives a restart of the host and is still the band in force with the central down', async () => {
    await rig.host.declareIncomeBand({ taxCode: MARIO, band: 2 });
    await rig.restart();
    await central.close();
    centralUp = false;
    expect(await rig.host.incomeBand(MARIO)).toEqual({ band: 2, declaredOn: today });
    expect(await bandsPending()).toHaveLength(1);
  });

  it('refuses a band or a codice fiscale that is not one, recording nothing', async () => {
    await expect(rig.host.declareIncomeBand({ taxCode: MARIO, band: 5 as never })).rejects.toMatchObject({ code: 'INCOME_BAND_INVALID' });
    await expect(rig.host.declareIncomeBand({ taxCode: 'RSSMRA85T10A562T', band: 2 })).rejects.toMatchObject({ code: 'TAX_CODE_CHECK' });
    expect(await bandsPending()).toEqual([]);
    expect(await rig.tdb.db.get('SELECT COUNT(*) AS n FROM income_band_declarations')).toEqual({ n: 0 });
  });
});
