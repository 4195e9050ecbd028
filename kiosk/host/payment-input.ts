/**
 * What `beginPayment` is asked, checked before anything is looked up: the UI's message comes over
 * a transport, so a malformed one is a typed refusal, never a crash. Pure.
 */
import { z } from 'zod';
import { CupError, normalizeBookingCode, parseNoticeCode } from '@cup-kiosk/sync-service/domain';
import type { BeginPaymentInput, PaymentItem } from '../bridge/terminal-api.ts';

/** One payment pays at most this many items (bookings and notices). */
export const MAX_PAYMENT_ITEMS = 10;

const ItemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('booking'), bookingCode: z.string().min(1).max(40) }),
  z.strictObject({ kind: z.literal('notice'), noticeCode: z.string().min(1).max(40) }),
]);

const InputSchema = z.strictObject({
  items: z.array(ItemSchema).min(1).max(MAX_PAYMENT_ITEMS),
  taxCode: z.string().min(1).max(32),
  method: z.enum(['cash', 'card']),
  cardCents: z.int().min(1).optional(),
});

/**
 * The input with each code normalised (spaces gone, check digits verified). Rejects
 * PAYMENT_INPUT_INVALID for a message of the wrong shape, PAYMENT_ITEMS_DUPLICATE when an item
 * is there twice, BOOKING_CODE_CHECK / BAD_NOTICE for a code that does not validate, and
 * CARD_AMOUNT_INVALID for a card part asked with cash.
 */
export function checkPaymentInput(raw: unknown): BeginPaymentInput {
  const parsed = InputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CupError('PAYMENT_INPUT_INVALID', `beginPayment: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`);
  }
  const input = parsed.data;
  const items: PaymentItem[] = input.items.map((i) =>
    i.kind === 'booking' ? { kind: 'booking', bookingCode: normalizeBookingCode(i.bookingCode) } : { kind: 'notice', noticeCode: parseNoticeCode(i.noticeCode).noticeCode },
  );
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.kind === 'booking' ? `b:${item.bookingCode}` : `n:${item.noticeCode}`;
    if (seen.has(key)) throw new CupError('PAYMENT_ITEMS_DUPLICATE', `${item.kind} ${key.slice(2)} is in the payment twice`);
    seen.add(key);
  }
  if (input.cardCents !== undefined && input.method !== 'card') throw new CupError('CARD_AMOUNT_INVALID', 'a card part is asked only with method card');
  return {
    items,
    taxCode: input.taxCode.trim().toUpperCase(),
    method: input.method,
    ...(input.cardCents === undefined ? {} : { cardCents: input.cardCents }),
  };
}
