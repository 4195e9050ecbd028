import { parseArgs } from 'node:util';
import { fetchRigDevices } from './devices/rig.ts';
import { startKiosk } from './kiosk.ts';

// `npm start` without Electron: the kiosk host on simulated devices with an embedded central.
// With `--devices URL` the host opens the devices of a device rig (`cupk sim start`) instead.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CUPK_PORT ?? '8080' },
    data: { type: 'string', default: process.env.CUPK_DATA ?? 'data' },
    'terminal-id': { type: 'string', default: process.env.CUPK_TERMINAL_ID ?? 'KIOSK-01' },
    central: { type: 'string', default: process.env.CUPK_CENTRAL },
    devices: { type: 'string', default: process.env.CUPK_DEVICES },
    // `QUIET,WARNING` in ms: when the screen asks "are you still there?" and for how long.
    attention: { type: 'string', default: process.env.CUPK_ATTENTION_MS },
    // Between two heartbeats to the central, in ms; 0 sends none. Default 60 s.
    heartbeat: { type: 'string', default: process.env.CUPK_HEARTBEAT_MS },
    // A pharmacy counter (operator login, cash counted by hand) instead of a citizen kiosk.
    counter: { type: 'boolean', default: process.env.CUPK_MODE === 'counter' },
  },
});

function attentionOf(text: string | undefined): { quietMs: number; warningMs: number } | undefined {
  if (!text) return undefined;
  const m = /^(\d+),(\d+)$/.exec(text);
  if (!m) throw new Error(`--attention takes QUIET_MS,WARNING_MS, not ${text}`);
  return { quietMs: Number(m[1]), warningMs: Number(m[2]) };
}
const attention = attentionOf(values.attention);

function heartbeatOf(text: string | undefined): { intervalMs: number } | false | undefined {
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--heartbeat takes milliseconds, not ${text}`);
  return Number(text) === 0 ? false : { intervalMs: Number(text) };
}
const heartbeat = heartbeatOf(values.heartbeat);

// The embedded central's admin routes, from the variable `cupk notices` and `cupk central health`
// read too; kept out of the arguments so it does not show in `ps`.
const adminToken = process.env.CUPK_ADMIN_TOKEN;
if (adminToken !== undefined && adminToken.length < 16) throw new Error('CUPK_ADMIN_TOKEN needs at least 16 characters');

const rigUrl = values.devices?.replace(/\/$/, '');
const kiosk = await startKiosk({
  port: Number(values.port),
  dataDir: values.data!,
  terminalId: values['terminal-id']!,
  ...(values.central ? { centralUrl: values.central } : {}),
  ...(rigUrl ? { devices: { ...(await fetchRigDevices(rigUrl)), rigUrl } } : {}),
  ...(attention ? { attention } : {}),
  ...(heartbeat === undefined ? {} : { heartbeat }),
  ...(adminToken && !values.central ? { centralAdminToken: adminToken } : {}),
  // The technician PIN's hash (`hashPin`), kept out of the arguments like the token; unset: the demo PIN.
  ...(process.env.CUPK_SERVICE_PIN_HASH ? { servicePinHash: process.env.CUPK_SERVICE_PIN_HASH } : {}),
  // With the embedded (demo) central, a first start gets the demo operator (README).
  ...(values.counter ? { counter: { demoOperator: !values.central } } : {}),
});
console.log(`Kiosk UI:        ${kiosk.url}/`);
if (values.counter) console.log(`Mode:            pharmacy counter${values.central ? '' : ' (demo operator DEMO, PIN 135790)'}`);
console.log(`Developer panel: ${kiosk.url}/dev.html`);
console.log(`Central CUP:     ${kiosk.centralUrl}`);
if (rigUrl) console.log(`Device rig:      ${rigUrl}`);

/** How long closing may take before the process leaves anyway: everything that matters is on disk. */
const CLOSE_LIMIT_MS = 10_000;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal means now; a device that never answers its close must not keep us up.
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => {
      console.error(`cup-kiosk: devices still closing after ${CLOSE_LIMIT_MS} ms; leaving anyway`);
      process.exit(1);
    }, CLOSE_LIMIT_MS).unref();
    kiosk.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`cup-kiosk: closing failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  });
}
