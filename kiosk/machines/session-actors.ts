import { fromPromise } from 'xstate';
import type { TerminalApi } from '../bridge/terminal-api.ts';
import { sessionMachine } from './session-machine.ts';

/** The session machine with its side effects taken from a `TerminalApi`. */
export function sessionMachineFor(api: TerminalApi) {
  return sessionMachine.provide({
    actors: {
      findBooking: fromPromise(({ input }: { input: { code: string } }) => api.findBooking(input.code)),
      beginPayment: fromPromise(({ input }) => api.beginPayment(input)),
      cancelPayment: fromPromise(({ input }: { input: { paymentId: string } }) => api.cancelPayment(input.paymentId)),
      printReceipt: fromPromise(({ input }: { input: { transactionId: string } }) => api.printReceipt(input.transactionId)),
    },
  });
}
