import { createHash, randomInt } from 'node:crypto';

/**
 * nexo pairs a request with its response, and names it in a TransactionStatus or an Abort, by
 * (SaleID, ServiceID), and ServiceID is at most 10 characters: too short for our transaction id.
 * So the ServiceID of a payment, and of its reversal, is derived from our transaction id. A host
 * that restarted with nothing but the id in its outbox can then ask for the payment's status, and
 * a second payment with the same id reuses the ServiceID, which the terminal refuses as a repeat.
 * The driver also checks the transaction id the terminal echoes, so a hash collision (36^10
 * values) would be caught, not silently taken as ours.
 */

const LENGTH = 10;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function derive(kind: string, transactionId: string): string {
  const digest = createHash('sha256').update(`${kind}:${transactionId}`).digest();
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[digest[i]! % ALPHABET.length];
  return out;
}

/** The ServiceID of the payment request for `transactionId`. */
export function paymentServiceId(transactionId: string): string {
  return derive('payment', transactionId);
}

/** The ServiceID of the reversal of that payment. */
export function reversalServiceId(transactionId: string): string {
  return derive('reversal', transactionId);
}

/** A fresh ServiceID for a request nobody refers to later (status, abort, close). */
export function freshServiceId(): string {
  let out = '';
  for (let i = 0; i < LENGTH; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
