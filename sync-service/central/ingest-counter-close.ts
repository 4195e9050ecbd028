import { CounterClosePayloadSchema, type SyncItem } from '../protocol/index.ts';

/**
 * A `counter-close` item: one operator's day at a pharmacy counter. It is kept as its stored
 * transaction (one per key, so one per operator-day) and read back from there by the listing;
 * the payment items it sums arrive as payments of their own.
 */
export function parseCounterClose(item: SyncItem, terminalId: string): { kind: 'record-only' } | { kind: 'conflict'; reason: 'PAYLOAD_INVALID' | 'TERMINAL_MISMATCH' } {
  const c = CounterClosePayloadSchema.safeParse(item.payload);
  if (!c.success) return { kind: 'conflict', reason: 'PAYLOAD_INVALID' };
  if (c.data.terminalId !== terminalId) return { kind: 'conflict', reason: 'TERMINAL_MISMATCH' };
  return { kind: 'record-only' };
}
