import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningCentral } from '../../../sync-service/central/index.ts';
import { enrollTerminal, generateTerminalKey, terminalSigner, type RequestSigner, type TerminalKeyPair } from '../../../sync-service/client/index.ts';
import { Outbox, openDatabase, type Database } from '../../../sync-service/outbox/index.ts';
import type { IncomeBandPayload, PaymentPayload } from '../../../sync-service/protocol/index.ts';

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestTerminal {
  id: string;
  db: Database;
  outbox: Outbox;
  /** Commits a payment and its outbox entry in one transaction, as the host does. */
  pay(key: string, bookingCode: string, amountCents?: number): Promise<void>;
}

/** A terminal's SQLite file with the outbox and a stand-in payments table of the host. */
export async function openTerminal(dir: string, id: string): Promise<TestTerminal> {
  const db = await openDatabase(join(dir, `${id}.db`));
  const outbox = await Outbox.open(db);
  await db.exec('CREATE TABLE IF NOT EXISTS payments (payment_id TEXT PRIMARY KEY, booking_code TEXT NOT NULL)');
  return {
    id,
    db,
    outbox,
    pay: (key, bookingCode, amountCents = 2066) =>
      db.transaction(async (tx) => {
        const payload = payment(id, key, bookingCode, amountCents);
        await tx.run('INSERT INTO payments (payment_id, booking_code) VALUES (?, ?)', [payload.paymentId, bookingCode]);
        await outbox.enqueue(tx, { kind: 'payment', key, payload });
      }),
  };
}

export function payment(terminalId: string, key: string, bookingCode: string, amountCents = 2066): PaymentPayload {
  const paidCents = Math.ceil(amountCents / 500) * 500;
  return {
    paymentId: `pay-${key}`,
    transactionId: `${terminalId}-${key}`,
    bookingCode,
    taxCode: 'RSSMRA80A01D969P',
    amountCents,
    paidCents,
    changeCents: paidCents - amountCents,
    cashRoundingCents: 0,
    method: 'cash',
    cardCents: 0,
    ruleVersion: 'demo-4',
    paidAt: '2026-03-01T08:00:00.000Z',
    terminalId,
  };
}

/**
 * A citizen's self-certified band as a terminal records it: one outbox item, committed alone
 * (the host would commit it with its own record of the form). `declaredAt` defaults to 09:00
 * at +01:00 on `declaredOn`.
 */
export async function declareIncomeBand(
  terminal: TestTerminal,
  key: string,
  declaration: Pick<IncomeBandPayload, 'taxCode' | 'band' | 'declaredOn'> & Partial<IncomeBandPayload>,
): Promise<IncomeBandPayload> {
  const payload: IncomeBandPayload = {
    declarationId: `decl-${terminal.id}-${key}`,
    declaredAt: `${declaration.declaredOn}T09:00:00.000+01:00`,
    terminalId: terminal.id,
    statement: 'autocert-reddito-v1',
    ...declaration,
  };
  await terminal.db.transaction((tx) => terminal.outbox.enqueue(tx, { kind: 'income-band', key, payload }));
  return payload;
}

export interface EnrolledTerminal {
  terminalId: string;
  keys: TerminalKeyPair;
  sign: RequestSigner;
}

/** Enrols a terminal the way a technician does: a one-time code from the central, a fresh key pair. */
export async function enrol(central: RunningCentral, terminalId: string, now?: () => Date): Promise<EnrolledTerminal> {
  const { code } = await central.issueEnrolmentCode(terminalId);
  const keys = generateTerminalKey();
  await enrollTerminal({ centralUrl: central.url, terminalId, code, publicKey: keys.publicKey });
  return { terminalId, keys, sign: terminalSigner({ terminalId, privateKey: keys.privateKey, now }) };
}

/** A raw request signed as `signer`, for tests that need to bend the protocol. */
export async function signedFetch(baseUrl: string, sign: RequestSigner, method: 'GET' | 'POST', path: string, body = '', extraHeaders: Record<string, string> = {}): Promise<Response> {
  const headers = { ...(await sign({ method, path, body, clockOffsetMs: 0 })), ...(body ? { 'content-type': 'application/json' } : {}), ...extraHeaders };
  return fetch(`${baseUrl}${path}`, { method, headers, ...(body ? { body } : {}) });
}
