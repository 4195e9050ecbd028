import { z } from 'zod';

/**
 * One rule set as the central distributes it. The document travels as a plain JSON object, not
 * in the rule-set schema: the terminal validates it itself with the domain's `validateRuleSet`,
 * so a terminal running older code refuses what it cannot read instead of half-reading it.
 */
export const PublishedRuleSetSchema = z.object({
  /** Central snapshot number at which this set was published; increases with every publication. */
  snapshot: z.number().int().min(1),
  version: z.string().min(1).max(64),
  effectiveFrom: z.string(),
  publishedAt: z.string(),
  ruleSet: z.record(z.string(), z.unknown()),
});
export type PublishedRuleSet = z.infer<typeof PublishedRuleSetSchema>;

/** GET /v1/snapshots/rules?since=N: the sets published after snapshot N, oldest first. */
export const RuleSnapshotResponseSchema = z.object({
  /** The central's current rules snapshot; ask with it next time. */
  snapshot: z.number().int().min(0),
  ruleSets: z.array(PublishedRuleSetSchema),
});
export type RuleSnapshotResponse = z.infer<typeof RuleSnapshotResponseSchema>;

/** POST /v1/admin/rule-sets answers where the set landed (201 new, 200 the same set again). */
export const RulePublishResponseSchema = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  snapshot: z.number().int().min(1),
  /** False when the identical set was already held: publishing is idempotent. */
  created: z.boolean(),
});
export type RulePublishResponse = z.infer<typeof RulePublishResponseSchema>;

/** The bearer token of the rules administrator, sent as `Authorization: Bearer <token>`. */
export const ADMIN_AUTH_HEADER = 'authorization';
