import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { enrollTerminal, loadOrCreateTerminalKey, SyncClient, terminalSigner } from '@cup-kiosk/sync-service/client';
import type { Outbox } from '@cup-kiosk/sync-service/outbox';
import type { CentralPort } from './ports.ts';

export interface CentralLink {
  port: CentralPort;
  client: SyncClient;
  stop(): Promise<void>;
}

export interface CentralLinkOptions {
  dataDir: string;
  terminalId: string;
  centralUrl: string;
  outbox: Outbox;
  /** A one-time enrolment code, needed only the first time this terminal meets this central. */
  enrolmentCode?: () => Promise<string>;
}

/**
 * The terminal's side of the central: its own Ed25519 key (made once, kept in the data folder),
 * enrolment the first time, and a sync client that signs every request.
 */
export async function connectCentral(o: CentralLinkOptions): Promise<CentralLink> {
  const key = await loadOrCreateTerminalKey(join(o.dataDir, 'terminal-key.json'));
  const marker = join(o.dataDir, 'enrolled.json');
  const enrolledAt = existsSync(marker) ? (JSON.parse(await readFile(marker, 'utf8')) as { centralUrl: string }).centralUrl : null;
  if (enrolledAt !== o.centralUrl && o.enrolmentCode) {
    await enrollTerminal({ centralUrl: o.centralUrl, terminalId: o.terminalId, code: await o.enrolmentCode(), publicKey: key.publicKey });
    await writeFile(marker, JSON.stringify({ centralUrl: o.centralUrl, at: new Date().toISOString() }));
  }
  const client = new SyncClient({
    outbox: o.outbox,
    centralUrl: o.centralUrl,
    terminalId: o.terminalId,
    sign: terminalSigner({ terminalId: o.terminalId, privateKey: key.privateKey }),
    intervalMs: 2_000,
  });
  client.start();
  return { client, port: centralPort(client), stop: () => client.stop() };
}

/** The central as the host sees it, through the terminal's signed sync client. */
export function centralPort(client: SyncClient): CentralPort {
  return {
    lookupBooking: (code) => client.lookupBooking(code),
    incomeBand: async (taxCode, date) => {
      const a = await client.incomeBand(taxCode, date);
      return a.band !== null && a.declaredOn !== null && a.declaredAt !== null ? { band: a.band, declaredOn: a.declaredOn, declaredAt: a.declaredAt } : null;
    },
    verifyNotice: (code) => client.verifyNotice(code),
    lockNotice: (code, paymentId) => client.lockNotice(code, paymentId),
    releaseNotice: (code, paymentId) => client.releaseNotice(code, paymentId),
    unpaidTickets: (taxCode) => client.unpaidTickets(taxCode),
    prescriptions: (taxCode) => client.prescriptions(taxCode),
    searchSlots: (nre, taxCode) => client.searchSlots(nre, taxCode),
    holdSlot: (slotId, nre, taxCode) => client.holdSlot(slotId, nre, taxCode),
    releaseHold: (holdId) => client.releaseHold(holdId),
    citizenBookings: (taxCode) => client.citizenBookings(taxCode),
    moveSlots: (code, taxCode) => client.moveSlots(code, taxCode),
    holdForMove: (code, slotId, taxCode) => client.holdForMove(code, slotId, taxCode),
    invitations: (taxCode) => client.invitations(taxCode),
    searchInvitationSlots: (invitationId, taxCode) => client.searchInvitationSlots(invitationId, taxCode),
    holdInvitationSlot: (invitationId, slotId, taxCode) => client.holdInvitationSlot(invitationId, slotId, taxCode),
    kick: () => client.wake(),
  };
}
