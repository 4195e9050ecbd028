import { fromCallback, fromPromise, type EventObject } from 'xstate';

/**
 * The side effects of invitations and conflicts shown at identification; the host supplies them
 * (`session-actors.ts`). `citizenNews` runs beside the menu and sends NEWS.LOADED when the host
 * answers; by default (and offline) it sends nothing, and the menu shows its usual choices.
 */
export const campaignActors = {
  citizenNews: fromCallback<EventObject, { taxCode: string }>(() => undefined),
  declineInvitation: fromPromise<void, { taxCode: string; invitationId: string }>(async () => {
    throw new Error('declineInvitation not provided');
  }),
  acknowledgeConflict: fromPromise<void, { taxCode: string; key: string }>(async () => {
    throw new Error('acknowledgeConflict not provided');
  }),
};
