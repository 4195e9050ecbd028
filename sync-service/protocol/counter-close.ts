import { z } from 'zod';
import { IsoDateSchema } from './income-band.ts';
import { TerminalIdSchema } from './sync.ts';

const Cents = z.number().int();

/** One line of a close: an item kind or a provider, with how many items and their amount. */
export const CounterCloseLineSchema = z.object({
  label: z.string().min(1).max(120),
  count: z.number().int().min(0),
  amountCents: Cents.min(0),
});

/** A close as closed and printed at the counter. */
const CounterCloseBodySchema = z.object({
  closeId: z.string().min(1).max(100),
  terminalId: TerminalIdSchema,
  operatorCode: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,19}$/),
  operatorName: z.string().min(1).max(80),
  day: IsoDateSchema,
  closedAt: z.iso.datetime({ offset: true }),
  payments: z.number().int().min(0),
  cashCents: Cents.min(0),
  cardCents: Cents.min(0),
  totalCents: Cents.min(0),
  roundingCents: Cents,
  items: z.array(CounterCloseLineSchema).max(50),
  providers: z.array(CounterCloseLineSchema).max(200),
});

/**
 * Payload of a sync item of kind `counter-close`: one operator's day at a pharmacy counter.
 * `cash + card = total`, and `items + rounding = total` (the legal 5-cent rounding of the cash
 * parts). Its key is `counter-close:<closeId>`: one per operator and day.
 */
export const CounterClosePayloadSchema = CounterCloseBodySchema.refine((c) => c.cashCents + c.cardCents === c.totalCents, { message: 'cash + card must equal total' }).refine(
  (c) => c.items.reduce((s, i) => s + i.amountCents, 0) + c.roundingCents === c.totalCents,
  { message: 'items + rounding must equal total' },
);
export type CounterClosePayload = z.infer<typeof CounterClosePayloadSchema>;

/** A close as the central keeps it: the payload and when it arrived. */
export const CounterCloseSchema = z.object({ close: CounterCloseBodySchema, receivedAt: z.string() });
export type CounterClose = z.infer<typeof CounterCloseSchema>;

/** GET /v1/admin/counter-closes: the closes of the Rome days asked, by day, terminal and operator. */
export const CounterCloseListResponseSchema = z.object({ closes: z.array(CounterCloseSchema) });
export type CounterCloseListResponse = z.infer<typeof CounterCloseListResponseSchema>;
