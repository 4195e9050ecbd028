import { fromPromise } from 'xstate';
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
      findSlots: fromPromise(({ input }: { input: { taxCode: string; nre: string } }) => api.findSlots(input)),
      holdSlot: fromPromise(({ input }) => api.holdSlot(input)),
      releaseHold: fromPromise(({ input }: { input: { holdId: string } }) => api.releaseHold(input.holdId)),
      confirmBooking: fromPromise(({ input }) => api.confirmBooking(input)),
      joinWaitingList: fromPromise(({ input }) => api.joinWaitingList(input)),
    },
  });
}
