import { fileURLToPath } from 'node:url';
import { startKiosk } from '../host/kiosk.ts';
import { runShell } from './main.ts';

// The Electron entry of `npm start` where the Electron binary is installed: the same host as in
// a browser, behind one locked-down window.
await runShell({
  preloadPath: fileURLToPath(new URL('./dist/preload.cjs', import.meta.url)),
  startHost: async () => {
    const kiosk = await startKiosk({
      port: 0,
      dataDir: process.env.CUPK_DATA ?? 'data',
      terminalId: process.env.CUPK_TERMINAL_ID ?? 'KIOSK-01',
      // A pharmacy counter; its embedded central is the demo one, so the demo operator is there.
      ...(process.env.CUPK_MODE === 'counter' ? { counter: { demoOperator: true } } : {}),
    });
    return { api: kiosk.host, url: kiosk.url, close: kiosk.close };
  },
});
