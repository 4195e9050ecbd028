import { z } from 'zod';

/** Most items per batch the central accepts; the client sends at most this many. */
export const MAX_BATCH_ITEMS = 500;

export const TerminalIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/**
 * One outbox item on the wire. `kind` is an open string on purpose: a newer terminal sending a
 * kind an older central does not know gets a per-item conflict, not a rejected batch that
 * would block its whole outbox.
 */
export const SyncItemSchema = z.object({
  seq: z.number().int().min(1),
  key: z.string().min(1).max(128),
  kind: z.string().regex(/^[a-z][a-z-]{0,31}$/),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime({ offset: true }),
});
export type SyncItem = z.infer<typeof SyncItemSchema>;

export const SyncBatchRequestSchema = z.object({
  terminalId: TerminalIdSchema,
  items: z.array(SyncItemSchema).min(1).max(MAX_BATCH_ITEMS),
});
export type SyncBatchRequest = z.infer<typeof SyncBatchRequestSchema>;

export const SyncItemStatusSchema = z.enum(['stored', 'duplicate', 'conflict']);
export type SyncItemStatus = z.infer<typeof SyncItemStatusSchema>;

/**
 * The central's answer for one key. `stored`: first time seen, kept. `duplicate`: already kept
 * earlier (a lost ack); the terminal treats both as acknowledged. `conflict`: kept as a
 * conflict with a stable reason code (BOOKING_ALREADY_PAID, ...); resending gets the same answer.
 */
export const SyncItemResultSchema = z.object({
  key: z.string(),
  status: SyncItemStatusSchema,
  reason: z.string().optional(),
});
export type SyncItemResult = z.infer<typeof SyncItemResultSchema>;

export const SyncBatchResponseSchema = z.object({ results: z.array(SyncItemResultSchema) });
export type SyncBatchResponse = z.infer<typeof SyncBatchResponseSchema>;

/** One item as the central keeps it, for GET /v1/terminals/:id/transactions. */
export const StoredTransactionSchema = z.object({
  terminalId: z.string(),
  seq: z.number().int(),
  key: z.string(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['stored', 'conflict']),
  reason: z.string().optional(),
  createdAt: z.string(),
  receivedAt: z.string(),
});
export type StoredTransaction = z.infer<typeof StoredTransactionSchema>;

export const TransactionListResponseSchema = z.object({ transactions: z.array(StoredTransactionSchema) });
export type TransactionListResponse = z.infer<typeof TransactionListResponseSchema>;
