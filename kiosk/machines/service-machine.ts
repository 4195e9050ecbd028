import { assign, fromPromise, setup, type SnapshotFrom } from 'xstate';
import { errorOf, notProvided, toHostError } from './host-errors.ts';
import type {
  ServiceAcceptanceResult,
  ServiceCashEmptied,
  ServiceConfig,
  ServiceEventLog,
  ServiceHopperRefilled,
  ServiceOpenInput,
  ServicePayoutResult,
  ServicePrinted,
  ServiceRefillInput,
  ServiceSession,
  ServiceStatus,
  ServiceSyncResult,
} from '../bridge/service-api.ts';

/** Events of the technician's service mode: the switch, the keypad and the action buttons. */
export type ServiceEvent =
  /** The cabinet's service switch (a host event), or Ctrl+Alt+S on a keyboard. */
  | { type: 'SERVICE.REQUESTED' }
  /** A technician's badge was scanned: it stands for the PIN (the host holds the badge itself). */
  | { type: 'BADGE.READ'; badgeId: string }
  | { type: 'PIN.SUBMIT'; pin: string }
  | { type: 'SERVICE.EXIT' }
  | { type: 'SERVICE.BACK' }
  | { type: 'SERVICE.REFRESH' }
  | { type: 'ACTION.TEST_PRINT' }
  | { type: 'ACTION.ACCEPTANCE_TEST' }
  | { type: 'ACTION.PAYOUT_TEST' }
  | { type: 'ACTION.REFILL' }
  | { type: 'ACTION.EMPTY' }
  | { type: 'ACTION.EVENT_LOG' }
  | { type: 'ACTION.CONFIG' }
  | { type: 'ACTION.SYNC' }
  | { type: 'HOPPER.CHOOSE'; hopper: number }
  | { type: 'COUNT.SUBMIT'; count: number }
  | { type: 'EMPTY.CONFIRM' };

/** What an action answered, for the result screen. */
export type ServiceOutcome =
  | { action: 'test-print'; value: ServicePrinted }
  | { action: 'acceptance-test'; value: ServiceAcceptanceResult }
  | { action: 'payout-test'; value: ServicePayoutResult }
  | { action: 'refill-hopper'; value: ServiceHopperRefilled }
  | { action: 'empty-cash-box'; value: ServiceCashEmptied }
  | { action: 'sync-now'; value: ServiceSyncResult };

export interface ServiceError {
  code: string;
  message: string;
}

export interface ServiceContext {
  session: ServiceSession | null;
  /** Why the last PIN was not taken (SERVICE_PIN_WRONG, SERVICE_NOT_OPEN: the session lapsed). */
  pinError: ServiceError | null;
  status: ServiceStatus | null;
  outcome: ServiceOutcome | null;
  /** The last action's failure, shown on the result screen (or the overview, for a status). */
  error: ServiceError | null;
  log: ServiceEventLog | null;
  config: ServiceConfig | null;
  /** The hopper chosen for a refill. */
  hopper: number | null;
}

export const SERVICE_EMPTY: ServiceContext = { session: null, pinError: null, status: null, outcome: null, error: null, log: null, config: null, hopper: null };

/** Most coins a refill takes at once, as the host checks too. */
export const MAX_REFILL_COINS = 5_000;

const codeIs = (code: string) => ({ event }: { event: object }) => errorOf(event).code === code;

const serviceSetup = setup({
  types: { context: {} as ServiceContext, events: {} as ServiceEvent },
  actors: {
    serviceOpen: fromPromise<ServiceSession, ServiceOpenInput>(notProvided('serviceOpen')),
    serviceClose: fromPromise<void, void>(notProvided('serviceClose')),
    serviceStatus: fromPromise<ServiceStatus, void>(notProvided('serviceStatus')),
    serviceTestPrint: fromPromise<ServicePrinted, void>(notProvided('serviceTestPrint')),
    serviceAcceptanceTest: fromPromise<ServiceAcceptanceResult, void>(notProvided('serviceAcceptanceTest')),
    servicePayoutTest: fromPromise<ServicePayoutResult, { hopper: number }>(notProvided('servicePayoutTest')),
    serviceRefillHopper: fromPromise<ServiceHopperRefilled, ServiceRefillInput>(notProvided('serviceRefillHopper')),
    serviceEmptyCashBox: fromPromise<ServiceCashEmptied, void>(notProvided('serviceEmptyCashBox')),
    serviceEventLog: fromPromise<ServiceEventLog, void>(notProvided('serviceEventLog')),
    serviceConfig: fromPromise<ServiceConfig, void>(notProvided('serviceConfig')),
    serviceSyncNow: fromPromise<ServiceSyncResult, void>(notProvided('serviceSyncNow')),
  },
  guards: {
    pinWrong: codeIs('SERVICE_PIN_WRONG'),
    lockedOut: codeIs('SERVICE_LOCKED'),
    /** The host closed the session (idle too long, or restarted): the PIN again. */
    sessionGone: codeIs('SERVICE_NOT_OPEN'),
    validCount: ({ event }) => event.type === 'COUNT.SUBMIT' && Number.isInteger(event.count) && event.count >= 1 && event.count <= MAX_REFILL_COINS,
  },
  actions: {
    forget: assign(() => SERVICE_EMPTY),
    keepError: assign({ error: ({ event }) => errorOf(event) }),
    clearError: assign({ error: null, outcome: null }),
    lapsed: assign({ session: null, pinError: ({ event }) => errorOf(event) }),
  },
});

const LAPSED = { guard: 'sessionGone' as const, target: 'enteringPin', actions: 'lapsed' as const };

/**
 * The technician's service mode. `off` is the citizen's kiosk: the switch brings the PIN pad,
 * the right PIN the overview of every device, and from there one action at a time, each with
 * its result; exit closes the session at the host and gives the screen back to citizens.
 */
export const serviceMachine = serviceSetup.createMachine({
  id: 'service',
  context: SERVICE_EMPTY,
  initial: 'off',
  states: {
    off: {
      entry: 'forget',
      on: { 'SERVICE.REQUESTED': 'enteringPin', 'BADGE.READ': 'checkingPin' },
    },
    enteringPin: {
      on: { 'PIN.SUBMIT': 'checkingPin', 'BADGE.READ': 'checkingPin', 'SERVICE.EXIT': 'off' },
    },
    checkingPin: {
      invoke: {
        id: 'serviceOpen',
        src: 'serviceOpen',
        input: ({ event }) => (event.type === 'BADGE.READ' ? { badgeId: event.badgeId } : { pin: event.type === 'PIN.SUBMIT' ? event.pin : '' }),
        onDone: { target: 'loadingStatus', actions: assign({ session: ({ event }) => event.output, pinError: null }) },
        onError: [
          { guard: 'lockedOut', target: 'lockedOut', actions: assign({ pinError: ({ event }) => toHostError(event.error) }) },
          { target: 'enteringPin', actions: assign({ pinError: ({ event }) => toHostError(event.error) }) },
        ],
      },
    },
    lockedOut: {
      on: { 'SERVICE.EXIT': 'off', 'SERVICE.BACK': 'off' },
    },
    loadingStatus: {
      invoke: {
        id: 'serviceStatus',
        src: 'serviceStatus',
        onDone: { target: 'overview', actions: assign({ status: ({ event }) => event.output, error: null }) },
        onError: [LAPSED, { target: 'overview', actions: 'keepError' }],
      },
    },
    overview: {
      on: {
        'SERVICE.REFRESH': 'loadingStatus',
        'ACTION.TEST_PRINT': 'testPrinting',
        'ACTION.ACCEPTANCE_TEST': 'acceptanceTesting',
        'ACTION.PAYOUT_TEST': 'choosingPayoutHopper',
        'ACTION.REFILL': 'choosingRefillHopper',
        'ACTION.EMPTY': 'confirmingEmpty',
        'ACTION.EVENT_LOG': 'loadingLog',
        'ACTION.CONFIG': 'loadingConfig',
        'ACTION.SYNC': 'syncing',
        'SERVICE.EXIT': 'closing',
      },
    },
    testPrinting: {
      entry: 'clearError',
      invoke: {
        id: 'serviceTestPrint',
        src: 'serviceTestPrint',
        onDone: { target: 'result', actions: assign({ outcome: ({ event }) => ({ action: 'test-print' as const, value: event.output }) }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    acceptanceTesting: {
      entry: 'clearError',
      invoke: {
        id: 'serviceAcceptanceTest',
        src: 'serviceAcceptanceTest',
        onDone: { target: 'result', actions: assign({ outcome: ({ event }) => ({ action: 'acceptance-test' as const, value: event.output }) }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    choosingPayoutHopper: {
      on: { 'HOPPER.CHOOSE': 'payingOut', 'SERVICE.BACK': 'loadingStatus' },
    },
    payingOut: {
      entry: 'clearError',
      invoke: {
        id: 'servicePayoutTest',
        src: 'servicePayoutTest',
        input: ({ event }) => ({ hopper: event.type === 'HOPPER.CHOOSE' ? event.hopper : 0 }),
        onDone: { target: 'result', actions: assign({ outcome: ({ event }) => ({ action: 'payout-test' as const, value: event.output }) }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    choosingRefillHopper: {
      on: {
        'HOPPER.CHOOSE': { target: 'enteringRefillCount', actions: assign({ hopper: ({ event }) => event.hopper }) },
        'SERVICE.BACK': 'loadingStatus',
      },
    },
    enteringRefillCount: {
      on: {
        'COUNT.SUBMIT': [{ guard: 'validCount', target: 'refilling' }, { actions: assign({ error: { code: 'SERVICE_COUNT_INVALID', message: `1 - ${MAX_REFILL_COINS}` } }) }],
        'SERVICE.BACK': 'choosingRefillHopper',
      },
    },
    refilling: {
      entry: assign({ outcome: null }),
      invoke: {
        id: 'serviceRefillHopper',
        src: 'serviceRefillHopper',
        input: ({ context, event }) => ({ hopper: context.hopper ?? 0, count: event.type === 'COUNT.SUBMIT' ? event.count : 0 }),
        onDone: { target: 'result', actions: assign({ outcome: ({ event }) => ({ action: 'refill-hopper' as const, value: event.output }), error: null }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    confirmingEmpty: {
      on: { 'EMPTY.CONFIRM': 'emptying', 'SERVICE.BACK': 'loadingStatus' },
    },
    emptying: {
      entry: 'clearError',
      invoke: {
        id: 'serviceEmptyCashBox',
        src: 'serviceEmptyCashBox',
        onDone: { target: 'result', actions: assign({ outcome: ({ event }) => ({ action: 'empty-cash-box' as const, value: event.output }) }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    syncing: {
      entry: 'clearError',
      invoke: {
        id: 'serviceSyncNow',
        src: 'serviceSyncNow',
        onDone: { target: 'result', actions: assign({ outcome: ({ event }) => ({ action: 'sync-now' as const, value: event.output }) }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    loadingLog: {
      invoke: {
        id: 'serviceEventLog',
        src: 'serviceEventLog',
        onDone: { target: 'eventLog', actions: assign({ log: ({ event }) => event.output, error: null }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    eventLog: {
      on: { 'SERVICE.BACK': 'loadingStatus', 'SERVICE.REFRESH': 'loadingLog' },
    },
    loadingConfig: {
      invoke: {
        id: 'serviceConfig',
        src: 'serviceConfig',
        onDone: { target: 'config', actions: assign({ config: ({ event }) => event.output, error: null }) },
        onError: [LAPSED, { target: 'result', actions: 'keepError' }],
      },
    },
    config: {
      on: { 'SERVICE.BACK': 'loadingStatus' },
    },
    result: {
      on: { 'SERVICE.BACK': 'loadingStatus' },
    },
    closing: {
      invoke: { id: 'serviceClose', src: 'serviceClose', onDone: 'off', onError: 'off' },
    },
  },
});

export type ServiceMachine = typeof serviceMachine;
export type ServiceSnapshot = SnapshotFrom<ServiceMachine>;
/** Every state of the service machine, for the screens' exhaustive switch (the test holds it to the machine). */
export const SERVICE_STATES = [
  'off',
  'enteringPin',
  'checkingPin',
  'lockedOut',
  'loadingStatus',
  'overview',
  'testPrinting',
  'acceptanceTesting',
  'choosingPayoutHopper',
  'payingOut',
  'choosingRefillHopper',
  'enteringRefillCount',
  'refilling',
  'confirmingEmpty',
  'emptying',
  'syncing',
  'loadingLog',
  'eventLog',
  'loadingConfig',
  'config',
  'result',
  'closing',
] as const;
export type ServiceStateValue = (typeof SERVICE_STATES)[number];
