import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { TerminalApi } from '../bridge/terminal-api.ts';
import { sessionMachine } from './session-machine.ts';

/** The session machine with its side effects taken from a `TerminalApi`. */
export function sessionMachineFor(api: TerminalApi) {
  return sessionMachine.provide({
    actors: {
      findBooking: fromPromise(({ input }: { input: { code: string } }) => api.findBooking(input.code)),
      findNotice: fromPromise(({ input }: { input: { code: string } }) => api.findNotice(input.code)),
      unpaidTickets: fromPromise(({ input }: { input: { taxCode: string } }) => api.unpaidTickets(input.taxCode)),
      incomeBand: fromPromise(({ input }: { input: { taxCode: string } }) => api.incomeBand(input.taxCode)),
      declareIncomeBand: fromPromise(({ input }) => api.declareIncomeBand(input)),
      beginPayment: fromPromise(({ input }) => api.beginPayment(input)),
      payRestByCard: fromPromise(({ input }: { input: { paymentId: string } }) => api.payRestByCard(input.paymentId)),
      cancelPayment: fromPromise(({ input }: { input: { paymentId: string } }) => api.cancelPayment(input.paymentId)),
      printReceipt: fromPromise(({ input }: { input: { transactionId: string } }) => api.printReceipt(input.transactionId)),
      prescriptions: fromPromise(({ input }: { input: { taxCode: string } }) => api.prescriptions(input.taxCode)),
      findSlots: fromPromise(({ input }: { input: { taxCode: string; nre: string; invitationId?: string } }) => api.findSlots(input)),
      holdSlot: fromPromise(({ input }) => api.holdSlot(input)),
      releaseHold: fromPromise(({ input }: { input: { holdId: string } }) => api.releaseHold(input.holdId)),
      confirmBooking: fromPromise(({ input }) => api.confirmBooking(input)),
      joinWaitingList: fromPromise(({ input }) => api.joinWaitingList(input)),
      citizenBookings: fromPromise(({ input }: { input: { taxCode: string } }) => api.citizenBookings(input.taxCode)),
      manageBooking: fromPromise(({ input }) => api.manageBooking(input)),
      cancelBooking: fromPromise(({ input }) => api.cancelBooking(input)),
      findMoveSlots: fromPromise(({ input }) => api.findMoveSlots(input)),
      holdMoveSlot: fromPromise(({ input }) => api.holdMoveSlot(input)),
      releaseMoveHold: fromPromise(({ input }: { input: { holdId: string } }) => api.releaseMoveHold(input.holdId)),
      confirmMove: fromPromise(({ input }: { input: { holdId: string } }) => api.confirmMove(input.holdId)),
      // Not heard (offline, refused): nothing is told, the menu is as always.
      citizenNews: fromCallback<EventObject, { taxCode: string }>(({ input, sendBack }) => {
        api.citizenNews(input.taxCode).then((news) => sendBack({ type: 'NEWS.LOADED', taxCode: input.taxCode, news }), () => undefined);
      }),
      declineInvitation: fromPromise(({ input }) => api.declineInvitation(input)),
      acknowledgeConflict: fromPromise(({ input }) => api.acknowledgeConflict(input)),
    },
  });
}
