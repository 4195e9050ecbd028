import type { CounterDayTotals } from '../../bridge/counter-api.ts';
import type { CloseRecord } from './counter-store.ts';

/** The outbox body of a close, as `CounterClosePayloadSchema` reads it. Pure. */
export function counterClosePayload(terminalId: string, close: CloseRecord, t: CounterDayTotals): Record<string, unknown> {
  return {
    closeId: close.closeId,
    terminalId,
    operatorCode: t.operator.code,
    operatorName: t.operator.name,
    day: t.day,
    closedAt: close.closedAt,
    payments: t.payments,
    cashCents: t.cashCents,
    cardCents: t.cardCents,
    totalCents: t.totalCents,
    roundingCents: t.roundingCents,
    items: t.items,
    providers: t.providers,
  };
}
