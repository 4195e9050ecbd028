import { CupError } from './errors.ts';
import type { ServiceKind } from './catalogue/demo-catalogue.ts';
import { MS_PER_HOUR, addRomeDays } from './rome-time.ts';

/** Classe di priorità on a prescription. */
export type Priority = 'U' | 'B' | 'D' | 'P';
export const PRIORITIES: readonly Priority[] = ['U', 'B', 'D', 'P'];

/** A deadline length: elapsed hours, or calendar days at the same Rome wall-clock time. */
export type DeadlineSpan = { hours: number } | { days: number };

export type PriorityDeadlines = Record<Priority, Record<ServiceKind, DeadlineSpan>>;

/** National deadlines (P has been 120 days since 2020); regions may tighten them through `config`. */
export const DEFAULT_PRIORITY_DEADLINES: PriorityDeadlines = {
  U: { visit: { hours: 72 }, test: { hours: 72 } },
  B: { visit: { days: 10 }, test: { days: 10 } },
  D: { visit: { days: 30 }, test: { days: 60 } },
  P: { visit: { days: 120 }, test: { days: 120 } },
};

/**
 * The last instant a slot may start for a prescription of this priority, counted from the
 * booking request. `config` overrides the defaults class by class.
 */
export function priorityDeadline(priority: Priority, kind: ServiceKind, requestedAt: Date, config: Partial<PriorityDeadlines> = {}): Date {
  const span = (config[priority] ?? DEFAULT_PRIORITY_DEADLINES[priority])[kind];
  if (!span) throw new CupError('BAD_REQUEST', `no deadline for priority ${String(priority)} and kind ${String(kind)}`);
  if (Number.isNaN(requestedAt.getTime())) throw new CupError('BAD_REQUEST', 'the request time is not a valid date');
  return 'hours' in span ? new Date(requestedAt.getTime() + span.hours * MS_PER_HOUR) : addRomeDays(requestedAt, span.days);
}
