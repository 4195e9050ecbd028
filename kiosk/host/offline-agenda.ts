import { randomInt, randomUUID } from 'node:crypto';
import { CupError, heldBooking, prescriptionDeadline, provisionalBookingCode, romeWallTimeToInstant, type PrescriptionRecord } from '@cup-kiosk/sync-service/domain';
import type { SnapshotBook } from '@cup-kiosk/sync-service/client';
import { migrate, type Database } from '@cup-kiosk/sync-service/outbox';
import type { PrescriptionView, SlotHoldResponse, SlotSearchResponse } from '@cup-kiosk/sync-service/protocol';

export const OFFLINE_AGENDA_MIGRATIONS = [
  {
    version: 1,
    name: 'prescriptions seen here, for provisional booking offline',
    up: `
      CREATE TABLE known_prescriptions (
        nre TEXT PRIMARY KEY,
        tax_code TEXT NOT NULL,
        data TEXT NOT NULL,
        seen_at TEXT NOT NULL
      );
      CREATE INDEX known_prescriptions_citizen ON known_prescriptions (tax_code);
    `,
  },
];

/** Slots an offline search offers, as the central's search does. */
const SEARCH_LIMIT = 8;
/** Used when the configuration snapshot says nothing: a day-old agenda is still worth a provisional booking. */
const DEFAULT_MAX_AGE_MINUTES = 24 * 60;
const DEFAULT_HOLD_MINUTES = 10;
/** Hold ids made here: the central never sees them as holds, and the desk never asks it to release one. */
export const OFFLINE_HOLD_PREFIX = 'offline:';

/** Why a provisional booking cannot be offered: the UI then says booking needs the CUP. */
export class OfflineAgendaUnavailable extends CupError {
  constructor(reason: 'NO_AGENDA_SNAPSHOT' | 'AGENDA_SNAPSHOT_TOO_OLD' | 'PRESCRIPTION_NOT_KNOWN', details?: Record<string, unknown>) {
    super('BOOKING_OFFLINE', `no provisional booking: ${reason}`, { cause: reason, ...details });
  }
}

export interface OfflineAgendaOptions {
  db: Database;
  snapshots: SnapshotBook;
  now: () => Date;
  /** Nine random digits of a provisional code; default crypto-random. */
  codeDigits?: () => string;
}

/**
 * What the terminal can book while the central is unreachable: the prescriptions it saw online
 * (a citizen's list or a search, kept here with their services and priority), and the free slots
 * of the last agenda snapshot inside each prescription's deadline, less those booked here since.
 * A booking made from it is provisional: it has no hold, a code the terminal drew, and the
 * central books it when the item arrives if the slot is still free, or answers SLOT_TAKEN.
 */
export class OfflineAgenda {
  private constructor(private readonly o: OfflineAgendaOptions) {}

  static async open(o: OfflineAgendaOptions): Promise<OfflineAgenda> {
    await migrate(o.db, OFFLINE_AGENDA_MIGRATIONS, { scope: 'offline-agenda' });
    return new OfflineAgenda(o);
  }

  /** Keeps prescriptions the central just answered, replacing what was known of them. */
  async remember(prescriptions: readonly PrescriptionView[]): Promise<void> {
    if (prescriptions.length === 0) return;
    const at = this.o.now().toISOString();
    await this.o.db.transaction(async (tx) => {
      for (const p of prescriptions) {
        await tx.run('INSERT INTO known_prescriptions (nre, tax_code, data, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (nre) DO UPDATE SET tax_code = excluded.tax_code, data = excluded.data, seen_at = excluded.seen_at', [p.nre, p.taxCode, JSON.stringify(p), at]);
      }
    });
  }

  /** The citizen's prescriptions known here, open at the central when last seen and not booked here since; none, BOOKING_OFFLINE. */
  async prescriptions(taxCode: string): Promise<PrescriptionView[]> {
    await this.usable();
    const rows = await this.o.db.all<{ data: string }>(
      'SELECT data FROM known_prescriptions WHERE tax_code = ? AND nre NOT IN (SELECT nre FROM bookings_made) ORDER BY seen_at DESC, nre',
      [taxCode],
    );
    const open = rows.map((r) => JSON.parse(r.data) as PrescriptionView).filter((p) => p.status === 'open');
    // None known: the citizen is told booking needs the CUP now, not that they have no prescription.
    if (open.length === 0) throw new OfflineAgendaUnavailable('PRESCRIPTION_NOT_KNOWN', { taxCode });
    return open.sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : 0));
  }

  /** Free slots of the prescription's first service from the snapshot, now to its deadline, earliest first. */
  async search(nre: string, taxCode: string): Promise<SlotSearchResponse> {
    await this.usable();
    const p = await this.prescription(nre, taxCode);
    const now = this.o.now();
    const deadline = prescriptionDeadline(p, now);
    const taken = await this.takenHere();
    const slots = (await this.o.snapshots.slotsOf(p.services[0]!.code)).filter((s) => {
      const t = romeWallTimeToInstant(s.startsAt).getTime();
      return t >= now.getTime() && t <= deadline.getTime() && !taken.has(s.slotId);
    });
    return { prescription: p, deadline: deadline.toISOString(), slots: slots.slice(0, SEARCH_LIMIT) };
  }

  /** A hold made here, with a provisional code: it keeps the slot for this kiosk's citizen only. */
  async hold(slotId: string, nre: string, taxCode: string): Promise<SlotHoldResponse> {
    await this.usable();
    const p = await this.prescription(nre, taxCode);
    const slot = await this.o.snapshots.slot(slotId);
    if (!slot || slot.serviceCode !== p.services[0]!.code) throw new CupError('SLOT_UNKNOWN', `no slot ${slotId} for ${p.services[0]!.code} in the agenda held here`, { slotId });
    if ((await this.takenHere()).has(slotId)) throw new CupError('SLOT_TAKEN', 'this slot was booked here meanwhile', { slotId });
    const now = this.o.now();
    const minutes = Number((await this.o.snapshots.config()).holdMinutes ?? DEFAULT_HOLD_MINUTES);
    const code = provisionalBookingCode(this.o.codeDigits?.() ?? String(randomInt(0, 1_000_000_000)).padStart(9, '0'));
    const record: PrescriptionRecord = { nre: p.nre, taxCode: p.taxCode, priority: p.priority, issuedOn: p.issuedOn, prescriber: p.prescriber, services: p.services, exemptions: p.exemptions };
    return { holdId: `${OFFLINE_HOLD_PREFIX}${randomUUID()}`, slotId, heldUntil: new Date(now.getTime() + minutes * 60_000).toISOString(), booking: heldBooking(record, slot, code) };
  }

  /** Throws BOOKING_OFFLINE unless an agenda snapshot is held and recent enough (configuration, default a day). */
  async usable(): Promise<void> {
    const agenda = await this.o.snapshots.state('agenda');
    if (!agenda) throw new OfflineAgendaUnavailable('NO_AGENDA_SNAPSHOT');
    const maxMinutes = Number((await this.o.snapshots.config()).offlineBookingMaxAgeMinutes ?? DEFAULT_MAX_AGE_MINUTES);
    if (agenda.ageSeconds > maxMinutes * 60) throw new OfflineAgendaUnavailable('AGENDA_SNAPSHOT_TOO_OLD', { ageSeconds: agenda.ageSeconds, maxMinutes });
  }

  private async prescription(nre: string, taxCode: string): Promise<PrescriptionView> {
    const row = await this.o.db.get<{ data: string }>('SELECT data FROM known_prescriptions WHERE nre = ? AND tax_code = ? AND nre NOT IN (SELECT nre FROM bookings_made)', [nre, taxCode]);
    const p = row ? (JSON.parse(row.data) as PrescriptionView) : undefined;
    if (!p || p.status !== 'open') throw new OfflineAgendaUnavailable('PRESCRIPTION_NOT_KNOWN', { nre });
    return p;
  }

  /** Slots booked at this terminal: the snapshot still lists them until the central has heard. */
  private async takenHere(): Promise<Set<string>> {
    return new Set((await this.o.db.all<{ slot_id: string }>('SELECT slot_id FROM bookings_made')).map((r) => r.slot_id));
  }
}
