import { createActor } from 'xstate';
import type { CounterApi } from '../../bridge/counter-api.ts';
import { counterMachineFor } from '../../machines/counter-actors.ts';
import './counter-app.ts';
import './counter-bar.ts';
import './counter-cash.ts';

/**
 * The counter's part of the UI, loaded only on a terminal set up as a pharmacy counter: its
 * machine (started here) and its elements. Citizen kiosks never download it.
 */
export function startCounter(api: CounterApi) {
  return createActor(counterMachineFor(api)).start();
}
