import type { CounterClosePayload } from '../protocol/index.ts';

/**
 * A pharmacy counter's close for tests: one cash payment of Mario Rossi's demo booking (32,28 €,
 * 32,30 € in cash) and one card payment of 20,66 €, the sums consistent as ingest checks them.
 */
export function counterCloseFixture(terminalId: string, operatorCode: string, day: string, over: Partial<CounterClosePayload> = {}): CounterClosePayload {
  return {
    closeId: `${terminalId}-${operatorCode}-${day}`,
    terminalId,
    operatorCode,
    operatorName: `Operatore ${operatorCode}`,
    day,
    closedAt: `${day}T17:00:00.000Z`,
    payments: 2,
    cashCents: 3230,
    cardCents: 2066,
    totalCents: 5296,
    roundingCents: 2,
    items: [{ label: 'Ticket prenotazioni', count: 2, amountCents: 5294 }],
    providers: [{ label: 'ASL 3 Genovese', count: 2, amountCents: 5294 }],
    ...over,
  };
}

/** The sync item that carries a close, at `seq`. */
export const counterCloseItem = (seq: number, payload: CounterClosePayload) => ({ seq, key: `counter-close:${payload.closeId}`, kind: 'counter-close', createdAt: payload.closedAt, payload });
