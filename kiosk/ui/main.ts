import type { TerminalApi } from '../bridge/terminal-api.ts';
import { connectTerminalApi } from '../bridge/ws-client.ts';
import './kiosk-app.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    terminalApi?: TerminalApi;
  }
}

// In Electron the preload hands us the API over IPC; in a browser the host serving this page
// carries it over a WebSocket. The UI cannot tell the two apart.
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/terminal`;
const api = window.terminalApi ?? connectTerminalApi(wsUrl);
const app = document.createElement('cup-kiosk-app');
app.api = api;
document.body.append(app);
