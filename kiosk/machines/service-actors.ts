import { fromPromise } from 'xstate';
import type { ServiceApi } from '../bridge/service-api.ts';
import { serviceMachine } from './service-machine.ts';

/** The service machine with its side effects taken from the terminal's service commands. */
export function serviceMachineFor(api: ServiceApi) {
  return serviceMachine.provide({
    actors: {
      serviceOpen: fromPromise(({ input }) => api.serviceOpen(input)),
      serviceClose: fromPromise(() => api.serviceClose()),
      serviceStatus: fromPromise(() => api.serviceStatus()),
      serviceTestPrint: fromPromise(() => api.serviceTestPrint()),
      serviceAcceptanceTest: fromPromise(() => api.serviceAcceptanceTest()),
      servicePayoutTest: fromPromise(({ input }: { input: { hopper: number } }) => api.servicePayoutTest(input.hopper)),
      serviceRefillHopper: fromPromise(({ input }) => api.serviceRefillHopper(input)),
      serviceEmptyCashBox: fromPromise(() => api.serviceEmptyCashBox()),
      serviceEventLog: fromPromise(() => api.serviceEventLog()),
      serviceConfig: fromPromise(() => api.serviceConfig()),
      serviceSyncNow: fromPromise(() => api.serviceSyncNow()),
    },
  });
}
