import { fromPromise } from 'xstate';
import type { CounterApi } from '../bridge/counter-api.ts';
import { counterMachine } from './counter-machine.ts';

/** The counter machine with its side effects taken from the terminal's counter commands. */
export function counterMachineFor(api: CounterApi) {
  return counterMachine.provide({
    actors: {
      counterSession: fromPromise(() => api.counterSession()),
      counterLogin: fromPromise(({ input }) => api.counterLogin(input)),
      counterLogout: fromPromise(() => api.counterLogout()),
      counterCash: fromPromise(({ input }) => api.counterCash(input)),
      counterDayTotals: fromPromise(() => api.counterDayTotals()),
      counterCloseDay: fromPromise(() => api.counterCloseDay()),
    },
  });
}
