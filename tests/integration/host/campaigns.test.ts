import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncClient } from '@cup-kiosk/sync-service/client';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import type { BookingSlipData } from '@cup-kiosk/terminal-drivers/printer';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { centralPort } from '../../../kiosk/host/central-link.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { openPtyPair } from '../../../terminal-drivers/serial/index.ts';
import { PrinterSimulator, type DecodedReceipt } from '../../../terminal-drivers/sim/printer/index.ts';
import { cupk } from '../cli-harness.ts';
import { IDLE_CASH_DESK, slipPrinter } from './fake-devices.ts';

// Campaign invitations and conflicts through the host, its SQLite file and its sync client, to a
// real demo central (unsigned) and back; then the desk's list from `cupk sync conflicts`.

const ROSSI = 'RSSMRA85T10A562S';
const VERDI = 'VRDGPP50H22D96VF';
const SCREENING = `SCR-CCR-${ROSSI}`;
const FLU = `VAC-FLU-${ROSSI}`;
const ADMIN = 'campaigns-admin-token';

let dir: string;
let central: RunningCentral;
let tdb: TerminalDb;
let client: SyncClient;
let host: TerminalHost;
let slips: BookingSlipData[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-campaigns-host-'));
  central = await startCentral({ dataDir: join(dir, 'central'), seedDemo: true, requireSignatures: false, adminToken: ADMIN });
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
  client = new SyncClient({ outbox: tdb.outbox, centralUrl: central.url, terminalId: 'T-01' });
  slips = [];
  host = new TerminalHost({
    terminalId: 'T-01',
    store: tdb.payments,
    bookingStore: tdb.bookings,
    campaignStore: tdb.campaigns,
    central: { ...centralPort(client), kick: () => undefined },
    verifyBaseUrl: 'http://central/v1/receipts/',
    cash: new CashService(IDLE_CASH_DESK, tdb.payments, tdb.ledger),
    printer: slipPrinter(slips),
  });
});

afterEach(async () => {
  await tdb.db.close();
  await central.close();
  rmSync(dir, { recursive: true, force: true });
});

const invitationIds = async (taxCode = ROSSI) => (await host.citizenNews(taxCode)).invitations.map((i) => i.invitationId);
const outboxKinds = async () => (await tdb.db.all<{ kind: string }>('SELECT kind FROM outbox ORDER BY seq')).map((r) => r.kind);

describe('campaign invitations at the kiosk', () => {
  it('offers the invitations, books one with nothing to pay, and the central shows it booked', async () => {
    expect(await invitationIds()).toEqual([FLU, SCREENING]);
    const search = await host.findSlots({ taxCode: ROSSI, nre: '', invitationId: SCREENING });
    expect(search.invitation?.kind).toBe('screening');
    expect(search.slots.length).toBeGreaterThan(0);
    const held = await host.holdSlot({ taxCode: ROSSI, nre: '', invitationId: SCREENING, slotId: search.slots[0]!.slotId });
    expect(held.booking.amountDueCents).toBe(0);
    expect(held.payAtAppointmentAllowed).toBe(false);

    const done = await host.confirmBooking({ holdId: held.holdId, payAt: 'now' });
    expect(done.slip).not.toBeNull();
    expect(slips.map((s) => s.services[0]!.code)).toEqual(['SCR.CCR']);
    // On disk with its outbox item before the central hears of it: not offered again meanwhile.
    expect(await outboxKinds()).toEqual(['campaign-booking']);
    expect(await invitationIds()).toEqual([FLU]);

    expect((await client.syncNow()).conflicts).toEqual([]);
    expect((await central.store.campaigns.getInvitation(SCREENING))?.status).toBe('booked');
    expect((await central.store.getBooking(done.booking.bookingCode))?.startsAt).toBe(search.slots[0]!.startsAt);

    const r = await cupk('central', 'campaigns', '--central', central.url, '--token', ADMIN, '--json');
    expect(r.code).toBe(0);
    expect((r.json as { campaigns: { code: string; invited: number; booked: number; declined: number }[] }).campaigns.map((c) => [c.code, c.invited, c.booked, c.declined])).toEqual([
      ['SCR-CCR', 1, 1, 0],
      ['VAC-FLU', 2, 0, 0],
    ]);
    expect((await cupk('central', 'campaigns', '--central', central.url, '--token', 'wrong-token-wrong', '--json')).json).toMatchObject({ error: { code: 'ADMIN_AUTH_INVALID' } });
  });

  it('records a decline once and queues it; offline, invitations are simply not offered', async () => {
    await host.declineInvitation({ taxCode: ROSSI, invitationId: FLU });
    await host.declineInvitation({ taxCode: ROSSI, invitationId: FLU });
    expect(await outboxKinds()).toEqual(['invitation-declined']);
    expect(await invitationIds()).toEqual([SCREENING]);
    await client.syncNow();
    expect((await central.store.campaigns.getInvitation(FLU))?.status).toBe('declined');

    await central.close();
    expect(await host.citizenNews(ROSSI)).toEqual({ invitations: [], conflicts: [] });
    await expect(host.findSlots({ taxCode: ROSSI, nre: '', invitationId: SCREENING })).rejects.toMatchObject({ code: 'BOOKING_OFFLINE' });
    central = await startCentral({ dataDir: join(dir, 'central'), seedDemo: true, requireSignatures: false, adminToken: ADMIN });
  });

  it('tells the citizen of a booking the central refused, until they acknowledge it; the desk still lists it', async () => {
    // Verdi's flu slot: held here, then another terminal books it while this one's item waits.
    const slotId = (await host.findSlots({ taxCode: VERDI, nre: '', invitationId: `VAC-FLU-${VERDI}` })).slots[0]!.slotId;
    const held = await host.holdSlot({ taxCode: VERDI, nre: '', invitationId: `VAC-FLU-${VERDI}`, slotId });
    await host.confirmBooking({ holdId: held.holdId, payAt: 'now' });
    await central.store.transaction((tx) => tx.bookSlots([{ slotId, nre: 'inv:elsewhere', bookingCode: '200000009999', at: new Date().toISOString() }]));
    const sync = await client.syncNow();
    expect(sync.conflicts.map((c) => c.reason)).toEqual(['SLOT_TAKEN']);

    const news = await host.citizenNews(VERDI);
    // Not booked after all: the invitation is offered again, beside why.
    expect(news.invitations.map((i) => i.invitationId)).toEqual([`VAC-FLU-${VERDI}`]);
    expect(news.conflicts).toMatchObject([{ kind: 'campaign-booking', reason: 'SLOT_TAKEN', bookingCode: held.booking.bookingCode, what: 'Vaccinazione antinfluenzale' }]);
    // Nobody else is told, nor can read it off.
    expect((await host.citizenNews(ROSSI)).conflicts).toEqual([]);
    await expect(host.acknowledgeConflict({ taxCode: ROSSI, key: news.conflicts[0]!.key })).rejects.toMatchObject({ code: 'CONFLICT_UNKNOWN' });
    await host.acknowledgeConflict({ taxCode: VERDI, key: news.conflicts[0]!.key });
    expect((await host.citizenNews(VERDI)).conflicts).toEqual([]);

    await tdb.db.close();
    const r = await cupk('sync', 'conflicts', '--data', dir, '--json');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ conflicts: [{ reason: 'SLOT_TAKEN', kind: 'campaign-booking', taxCode: VERDI, key: news.conflicts[0]!.key }] });
    expect((r.json as { conflicts: { acknowledgedAt: string | null }[] }).conflicts[0]!.acknowledgedAt).not.toBeNull();
    expect((await cupk('sync', 'conflicts', '--data', dir, '--port', '/dev/null', '--json')).code).toBe(2);

    // Printed for the desk on the receipt printer (the simulator on a pty decodes what it got).
    const pair = await openPtyPair('conflicts-printer');
    const sim = await PrinterSimulator.open(pair.devicePath);
    try {
      const decoded = new Promise<DecodedReceipt>((resolve) => sim.once('receipt', resolve));
      const printed = await cupk('sync', 'conflicts', '--data', dir, '--print', '--port', pair.hostPath, '--baud', '115200', '--terminal', 'T-01', '--json');
      expect(printed.code).toBe(0);
      const text = (await decoded).text;
      expect(text).toContain('CONFLITTI DA RISOLVERE');
      expect(text).toContain('SLOT_TAKEN');
      expect(text).toContain(VERDI);
    } finally {
      await sim.close();
      await pair.close();
    }
    tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), 'T-01');
  });
});
