import { parseArgs } from 'node:util';
import { simStart } from '../../../kiosk/cli/commands/sim.ts';

// `cupk sim start --json` for tests, without going through the command registry: the device rig
// in its own process, one JSON line with its URL and device lines on stdout once ready.
const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, state: { type: 'string' } } });
await simStart.run([], { json: true, port: values.port, ...(values.state ? { state: values.state } : {}) }, {
  readStdin: async () => '',
  // This process is the rig for the tests: its ready line (a progress line) goes to stdout.
  log: (line) => process.stdout.write(`${line}\n`),
  event: (line) => process.stdout.write(`${line}\n`),
});
process.exit(0);
