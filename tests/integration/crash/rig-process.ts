import { parseArgs } from 'node:util';
import { startDeviceRig } from '../../../kiosk/host/devices/rig.ts';

// The device rig for the crash campaigns, in its own process, as `cupk sim start` runs it: one
// JSON line with its URL and device lines on stdout once ready; it closes on SIGTERM. `--pos-delay`
// shortens the cardholder's time at the card terminal, so a campaign of card payments stays short.
const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, state: { type: 'string' }, 'pos-delay': { type: 'string' } } });
const posDelay = values['pos-delay'];
const rig = await startDeviceRig({
  port: Number(values.port),
  ...(values.state ? { statePath: values.state } : {}),
  ...(posDelay ? { pos: { delayMs: Number(posDelay) } } : {}),
});
process.stdout.write(`${JSON.stringify({ url: rig.url, ...rig.paths })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void rig.close().then(() => process.exit(0)));
}
