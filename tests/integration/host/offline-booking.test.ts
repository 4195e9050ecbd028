import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '@cup-kiosk/sync-service/central';
import { SnapshotBook } from '@cup-kiosk/sync-service/client';
import { isProvisionalBookingCode } from '@cup-kiosk/sync-service/domain';
import { BookingPayloadSchema } from '@cup-kiosk/sync-service/protocol';
import type { BookingSlipData } from '@cup-kiosk/terminal-drivers/printer';
import { CashService } from '../../../kiosk/host/cash/cash-service.ts';
import { connectCentral, type CentralLink } from '../../../kiosk/host/central-link.ts';
import { OfflineAgenda } from '../../../kiosk/host/offline-agenda.ts';
import { openTerminalDb, type TerminalDb } from '../../../kiosk/host/terminal-db.ts';
import { TerminalHost } from '../../../kiosk/host/terminal-host.ts';
import { IDLE_CASH_DESK, PRINTER_READY } from './fake-devices.ts';

// Provisional booking with the central stopped, over a real central (SQLite, demo data, signed
// requests) and the terminal's real SQLite: the host books from its last agenda snapshot, the
// central stores the booking when it is back, or answers SLOT_TAKEN when the slot went meanwhile.

const TERMINAL = 'K-OFF';
const ROSSI = 'RSSMRA85T10A562S';
const CARDIOLOGY_NRE = '0701B2000417411';
const ULTRASOUND_NRE = '0701B2000417428';
const quiet = { info: () => undefined, warn: () => undefined };

let dir: string;
let central: RunningCentral;
let port: number;
let tdb: TerminalDb;
let link: CentralLink;
let snapshots: SnapshotBook;
let host: TerminalHost;
let slips: BookingSlipData[];

const startDemoCentral = (p = 0) => startCentral({ dataDir: join(dir, 'central'), seedDemo: true, port: p });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-offline-booking-'));
  central = await startDemoCentral();
  port = Number(new URL(central.url).port);
  tdb = await openTerminalDb(join(dir, 'terminal.sqlite'), TERMINAL);
  link = await connectCentral({ dataDir: dir, terminalId: TERMINAL, centralUrl: central.url, outbox: tdb.outbox, enrolmentCode: async () => (await central.issueEnrolmentCode(TERMINAL)).code });
  // The loop would sync on its own; the test syncs when it means to.
  await link.client.stop();
  snapshots = await SnapshotBook.open(tdb.db, { logger: quiet });
  slips = [];
  host = new TerminalHost({
    terminalId: TERMINAL,
    store: tdb.payments,
    bookingStore: tdb.bookings,
    heldSlots: tdb.heldSlots,
    offlineAgenda: await OfflineAgenda.open({ db: tdb.db, snapshots, now: () => new Date() }),
    central: link.port,
    verifyBaseUrl: 'http://central/v1/receipts/',
    cash: new CashService(IDLE_CASH_DESK, tdb.payments, tdb.ledger),
    printer: {
      status: async () => PRINTER_READY,
      printPaymentReceipt: async () => ({ text: 'RICEVUTA', svg: '<svg/>' }),
      printVoucher: async () => ({ text: 'BUONO', svg: '<svg/>' }),
      printBookingSlip: async (d) => (slips.push(d), { text: `PROMEMORIA ${d.bookingCode}`, svg: '<svg/>' }),
    },
  });
});

afterEach(async () => {
  await link.stop();
  await central.close().catch(() => undefined);
  await tdb.db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Books the prescription's first offered slot with the central stopped; answers the slot and the code. */
async function bookOffline(nre: string): Promise<{ slotId: string; code: string }> {
  const found = await host.findSlots({ taxCode: ROSSI, nre });
  expect(found.provisional).toBe(true);
  expect(found.slots.length).toBeGreaterThan(0);
  const slotId = found.slots[0]!.slotId;
  const held = await host.holdSlot({ taxCode: ROSSI, nre, slotId });
  expect(held.provisional).toBe(true);
  // Nothing to give back at a restart: the central never heard of this hold.
  expect(await tdb.heldSlots.running(new Date())).toEqual([]);
  const done = await host.confirmBooking({ holdId: held.holdId, payAt: held.payAtAppointmentAllowed ? 'appointment' : 'now' });
  expect(done.provisional).toBe(true);
  expect(slips.at(-1)).toMatchObject({ bookingCode: held.booking.bookingCode, provisional: true });
  return { slotId, code: held.booking.bookingCode };
}

describe('provisional booking offline', () => {
  it('books from the last agenda snapshot while the central is stopped, and the central stores it when back', async () => {
    // Online first: the citizen's prescriptions are seen here, the snapshots pulled.
    const online = (await host.prescriptions(ROSSI)).map((p) => p.nre);
    expect(online).toContain(CARDIOLOGY_NRE);
    await snapshots.refresh(link.client);
    await central.close();

    await expect(link.client.fetchSnapshot('agenda')).rejects.toMatchObject({ code: 'CENTRAL_UNREACHABLE' });
    expect((await host.prescriptions(ROSSI)).map((p) => p.nre)).toEqual(online);
    const { slotId, code } = await bookOffline(CARDIOLOGY_NRE);
    expect(isProvisionalBookingCode(code)).toBe(true);
    // Booked here: neither the prescription nor the slot is offered again offline.
    expect((await host.prescriptions(ROSSI)).map((p) => p.nre)).not.toContain(CARDIOLOGY_NRE);
    const [item] = await tdb.db.all<{ payload: string }>("SELECT payload FROM outbox WHERE kind = 'booking'");
    expect(BookingPayloadSchema.parse(JSON.parse(item!.payload))).toMatchObject({ provisional: true, slotId, nre: CARDIOLOGY_NRE, booking: { code, taxCode: ROSSI } });

    central = await startDemoCentral(port);
    const sent = await link.client.syncNow();
    expect(sent).toMatchObject({ acked: 1, conflicts: [] });
    expect(await central.store.getBooking(code)).toMatchObject({ code, taxCode: ROSSI, status: 'booked' });
    expect((await central.store.getSlot(slotId))?.bookingCode).toBe(code);
    // And the next agenda pull no longer lists it.
    await snapshots.refresh(link.client, ['agenda']);
    expect(await snapshots.slot(slotId)).toBeUndefined();
  });

  it('keeps the conflict when the slot was taken at the central meanwhile (SLOT_TAKEN)', async () => {
    await host.prescriptions(ROSSI);
    await snapshots.refresh(link.client);
    const offered = await link.port.searchSlots!(ULTRASOUND_NRE, ROSSI);
    const first = offered.slots[0]!.slotId;
    // Another terminal holds the slot after this one pulled its agenda.
    const now = new Date();
    const other = await central.store.holdSlot({ slotId: first, nre: '0701B2000702305', terminalId: 'K-OTHER', holdId: 'other-hold', now: now.toISOString(), until: new Date(now.getTime() + 600_000).toISOString() });
    expect(other.held).toBe(true);
    await central.close();

    const { slotId, code } = await bookOffline(ULTRASOUND_NRE);
    expect(slotId).toBe(first);
    central = await startDemoCentral(port);
    const sent = await link.client.syncNow();
    expect(sent.conflicts).toEqual([expect.objectContaining({ status: 'conflict', reason: 'SLOT_TAKEN' })]);
    const [conflict] = await tdb.outbox.conflicts();
    expect(conflict).toMatchObject({ kind: 'booking', conflictReason: 'SLOT_TAKEN', payload: { slotId, provisional: true, booking: { code, taxCode: ROSSI } } });
    expect(await central.store.getBooking(code)).toBeUndefined();
  });

  it('says booking is offline when no agenda snapshot is held, or the citizen was never seen here', async () => {
    await host.prescriptions(ROSSI);
    await central.close();
    await expect(host.findSlots({ taxCode: ROSSI, nre: CARDIOLOGY_NRE })).rejects.toMatchObject({ code: 'BOOKING_OFFLINE', details: { cause: 'NO_AGENDA_SNAPSHOT' } });
    central = await startDemoCentral(port);
    await snapshots.refresh(link.client);
    await central.close();
    await expect(host.prescriptions('BNCGLI90E50H501O')).rejects.toMatchObject({ code: 'BOOKING_OFFLINE', details: { cause: 'PRESCRIPTION_NOT_KNOWN' } });
    expect((await host.findSlots({ taxCode: ROSSI, nre: CARDIOLOGY_NRE })).provisional).toBe(true);
  });

  it('says booking is offline when the agenda held is older than the configuration allows', async () => {
    await host.prescriptions(ROSSI);
    await snapshots.refresh(link.client);
    await central.close();
    // A day and a minute since the central last confirmed the agenda (the default limit is a day).
    await tdb.db.run("UPDATE snapshot_book_state SET received_at = ? WHERE kind = 'agenda'", [new Date(Date.now() - (24 * 60 + 1) * 60_000).toISOString()]);
    await expect(host.findSlots({ taxCode: ROSSI, nre: CARDIOLOGY_NRE })).rejects.toMatchObject({ code: 'BOOKING_OFFLINE', details: { cause: 'AGENDA_SNAPSHOT_TOO_OLD' } });
  });
});
