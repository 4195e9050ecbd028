import { assign } from 'xstate';
import { sessionSetup, WALKED_AWAY } from './session-setup.ts';

/**
 * The self-certification of the family-income band, from the menu of an identified citizen:
 * the band held now is read, the citizen picks one of four and confirms the statement, the host
 * records it, and the menu comes back. A declaration that fails stays on the form, band still
 * picked, to confirm again or go back.
 */
export const incomeBandStates = {
  findingIncomeBand: sessionSetup.createStateConfig({
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'incomeBand',
      input: ({ context }) => ({ taxCode: context.citizen?.taxCode ?? '' }),
      onDone: {
        target: 'choosingIncomeBand',
        actions: assign({ incomeBand: ({ event }) => event.output, chosenBand: () => null, error: () => null }),
      },
      // The band held now is only shown: the form works without it.
      onError: { target: 'choosingIncomeBand', actions: assign({ incomeBand: () => null, chosenBand: () => null, error: () => null }) },
    },
  }),
  choosingIncomeBand: sessionSetup.createStateConfig({
    after: { INACTIVITY: 'idle' },
    on: {
      ...WALKED_AWAY,
      // Re-entered so the inactivity timer starts again at each touch.
      'INCOME_BAND.CHOOSE': { target: 'choosingIncomeBand', reenter: true, actions: assign({ chosenBand: ({ event }) => event.band, error: () => null }) },
      'INCOME_BAND.CONFIRM': { guard: 'bandChosen', target: 'declaringIncomeBand', actions: 'clearError' },
      'NAV.BACK': { target: 'menu', actions: 'leaveIncomeBand' },
    },
  }),
  declaringIncomeBand: sessionSetup.createStateConfig({
    // The host finishes what it started; the citizen who took the card has left the screen.
    on: { 'CARD.REMOVED': 'idle' },
    invoke: {
      src: 'declareIncomeBand',
      // `bandChosen` let the confirmation through, so a band is picked.
      input: ({ context }) => ({ taxCode: context.citizen?.taxCode ?? '', band: context.chosenBand! }),
      onDone: {
        target: 'incomeBandRecorded',
        actions: assign({ incomeBand: ({ event }) => ({ band: event.output.band, declaredOn: event.output.declaredOn }), error: () => null }),
      },
      onError: { target: 'choosingIncomeBand', actions: 'setError' },
    },
  }),
  incomeBandRecorded: sessionSetup.createStateConfig({
    after: { FAREWELL: { target: 'menu', actions: 'leaveIncomeBand' } },
    on: {
      ...WALKED_AWAY,
      'NAV.BACK': { target: 'menu', actions: 'leaveIncomeBand' },
    },
  }),
};
