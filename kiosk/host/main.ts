import { parseArgs } from 'node:util';
import { startKiosk } from './kiosk.ts';

// `npm start` without Electron: the kiosk host on simulated devices with an embedded central.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CUPK_PORT ?? '8080' },
    data: { type: 'string', default: process.env.CUPK_DATA ?? 'data' },
    'terminal-id': { type: 'string', default: process.env.CUPK_TERMINAL_ID ?? 'KIOSK-01' },
    central: { type: 'string' },
  },
});

const kiosk = await startKiosk({
  port: Number(values.port),
  dataDir: values.data!,
  terminalId: values['terminal-id']!,
  ...(values.central ? { centralUrl: values.central } : {}),
});
console.log(`Kiosk UI:        ${kiosk.url}/`);
console.log(`Developer panel: ${kiosk.url}/dev.html`);
console.log(`Central CUP:     ${kiosk.centralUrl}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void kiosk.close().then(() => process.exit(0));
  });
}
