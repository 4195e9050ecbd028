import { setup } from 'xstate';

/** Events of the attention watch: the kiosk's side of "are you still there?". */
export type AttentionEvent =
  | { type: 'ATTENTION.ARM' }
  | { type: 'ATTENTION.DISARM' }
  | { type: 'ATTENTION.ACTIVITY' }
  | { type: 'ATTENTION.MORE_TIME' };

/** Seconds of the warning, for the countdown the screen shows. */
export const WARNING_SECONDS = 20;

/**
 * Watches a citizen's session for inactivity: armed while a screen waits for them (never while
 * money is being taken), it warns with a visible countdown and a "more time" button, then
 * expires. The session machine ends the session on expiry.
 */
export const attentionMachine = setup({
  types: { events: {} as AttentionEvent },
  delays: {
    /** Quiet time before the warning. */
    QUIET: 45_000,
    /** The warning's countdown. */
    WARNING: WARNING_SECONDS * 1000,
  },
}).createMachine({
  id: 'attention',
  initial: 'disarmed',
  states: {
    disarmed: {
      on: { 'ATTENTION.ARM': 'watching' },
    },
    watching: {
      after: { QUIET: 'warning' },
      on: {
        'ATTENTION.ACTIVITY': { target: 'watching', reenter: true },
        'ATTENTION.DISARM': 'disarmed',
      },
    },
    warning: {
      after: { WARNING: 'expired' },
      on: {
        // Only the button ends the warning: a touch that dismissed it would fall through to
        // whatever lies under the dialog.
        'ATTENTION.MORE_TIME': 'watching',
        'ATTENTION.DISARM': 'disarmed',
      },
    },
    expired: {
      on: { 'ATTENTION.ARM': 'watching', 'ATTENTION.DISARM': 'disarmed' },
    },
  },
});
