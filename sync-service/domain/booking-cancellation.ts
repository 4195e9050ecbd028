import { MS_PER_HOUR, romeWallTimeToInstant } from './rome-time.ts';

/**
 * When a booking may be cancelled (disdetta). Regions ask the citizen to cancel at least 48 hours
 * (or two working days) before the appointment, so the slot can go to someone else; a booking
 * neither attended nor cancelled in time may be charged as an unpaid ticket.
 *
 * Our rule (configuration in a real region): at least `cutoffHours` (default 48) before the
 * appointment's start is in time, and a paid ticket is refunded; later, and before the start, the
 * cancellation is still recorded and the slot freed, but the ticket stays due (a paid one is kept,
 * an unpaid one is still owed); from the start on, the booking can be neither cancelled nor moved.
 */

/** Hours before the appointment a cancellation must come to be in time, unless a region says otherwise. */
export const DEFAULT_CANCEL_CUTOFF_HOURS = 48;

export type CancellationTiming = 'in-time' | 'late' | 'started';

/**
 * Where `at` falls for an appointment starting at `startsAt` (local `YYYY-MM-DDTHH:mm`,
 * Europe/Rome). A start that does not parse counts as started: nothing is decided on a bad date.
 */
export function cancellationTiming(startsAt: string, at: Date, cutoffHours: number = DEFAULT_CANCEL_CUTOFF_HOURS): CancellationTiming {
  const start = romeWallTimeToInstant(startsAt).getTime();
  if (Number.isNaN(start) || at.getTime() >= start) return 'started';
  return start - at.getTime() >= cutoffHours * MS_PER_HOUR ? 'in-time' : 'late';
}

/** The last instant a cancellation of that appointment is in time. */
export function cancellationCutoff(startsAt: string, cutoffHours: number = DEFAULT_CANCEL_CUTOFF_HOURS): Date {
  return new Date(romeWallTimeToInstant(startsAt).getTime() - cutoffHours * MS_PER_HOUR);
}
