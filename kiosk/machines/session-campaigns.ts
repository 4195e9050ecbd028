import { assign } from 'xstate';
import { NO_BOOKING_FLOW } from './session-booking-context.ts';
import { withoutItem } from './session-campaigns-context.ts';
import type { SessionContext } from './session-context.ts';
import type { SessionEvent } from './session-events.ts';
import { sessionSetup } from './session-setup.ts';

type Args = { context: SessionContext; event: SessionEvent };
const taxCode = (c: SessionContext) => c.citizen?.taxCode ?? '';
const invited = ({ context, event }: Args) =>
  event.type === 'INVITATION.BOOK' || event.type === 'INVITATION.DECLINE' || event.type === 'INVITATION.LATER' ? context.news?.invitations.some((i) => i.invitationId === event.invitationId) === true : false;
const conflicted = ({ context, event }: Args) => event.type === 'CONFLICT.ACKNOWLEDGE' && context.news?.conflicts.some((c) => c.key === event.key) === true;

/** The child that asks the host what the citizen is to be told; one at a time. */
const NEWS_CHILD = 'news';

/**
 * On the menu of an identified citizen not told anything yet: ask the host, beside the menu
 * (its choices work meanwhile); asked again on the next visit to the menu if no answer came.
 */
export const ASK_NEWS = sessionSetup.enqueueActions(({ context, enqueue }) => {
  if (context.citizen === null || context.news !== null) return;
  enqueue.stopChild(NEWS_CHILD);
  enqueue.spawnChild('citizenNews', { id: NEWS_CHILD, input: { taxCode: context.citizen.taxCode } });
});

/** The menu's answers to what it shows of the news: book or decline an invitation, acknowledge a conflict. */
export const MENU_NEWS_EVENTS = {
  // Only the first answer, about the citizen at the kiosk now: what they answered stays answered.
  'NEWS.LOADED': { guard: ({ context, event }: Args) => event.type === 'NEWS.LOADED' && context.news === null && event.taxCode === context.citizen?.taxCode, actions: sessionSetup.assign({ news: ({ event }) => (event.type === 'NEWS.LOADED' ? event.news : null) }) },
  // Booked on the booking screens, with the invitation in place of a prescription.
  'INVITATION.BOOK': {
    guard: invited,
    target: 'findingSlots',
    actions: sessionSetup.assign(({ event }) => ({ ...NO_BOOKING_FLOW, invitationId: event.type === 'INVITATION.BOOK' ? event.invitationId : null, error: null })),
  },
  'INVITATION.LATER': { guard: invited, actions: sessionSetup.assign({ news: ({ context, event }) => withoutItem(context.news, event.type === 'INVITATION.LATER' ? event.invitationId : null) }) },
  'INVITATION.DECLINE': { guard: invited, target: 'decliningInvitation', actions: sessionSetup.assign({ answering: ({ event }) => (event.type === 'INVITATION.DECLINE' ? event.invitationId : null), error: null }) },
  'CONFLICT.ACKNOWLEDGE': { guard: conflicted, target: 'acknowledgingConflict', actions: sessionSetup.assign({ answering: ({ event }) => (event.type === 'CONFLICT.ACKNOWLEDGE' ? event.key : null), error: null }) },
} as const;

/**
 * What a citizen is told when they identify, above the menu's choices: the campaigns that
 * invite them to book (screening, vaccination) and their transactions the central refused while
 * this terminal was offline (a slot taken, a notice paid twice). An invitation is booked through
 * the booking states, declined here; a conflict is acknowledged here.
 */
export const campaignStates = {
  decliningInvitation: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'declineInvitation',
      input: ({ context }) => ({ taxCode: taxCode(context), invitationId: context.answering ?? '' }),
      // Answered: gone from the menu. Not recorded: it stays, with why.
      onDone: { target: 'menu', actions: assign({ news: ({ context }) => withoutItem(context.news, context.answering), answering: null }) },
      onError: { target: 'menu', actions: ['setError', assign({ answering: null })] },
    },
  }),
  acknowledgingConflict: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'acknowledgeConflict',
      input: ({ context }) => ({ taxCode: taxCode(context), key: context.answering ?? '' }),
      // Answered: gone from the menu. Not recorded: it stays, with why.
      onDone: { target: 'menu', actions: assign({ news: ({ context }) => withoutItem(context.news, context.answering), answering: null }) },
      onError: { target: 'menu', actions: ['setError', assign({ answering: null })] },
    },
  }),
};

export type CampaignStateValue = keyof typeof campaignStates;
