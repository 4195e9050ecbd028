import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { dispatchCommand } from '../bridge/dispatch.ts';
import type { TerminalApi } from '../bridge/terminal-api.ts';
import { COMMAND_CHANNEL, EVENT_CHANNEL } from './ipc-channels.ts';
import { contentSecurityPolicy, isAllowedUrl, kioskWindowOptions } from './window-policy.ts';

export interface ShellOptions {
  /** Starts the host (the same one `npm start` runs without Electron) and serves the UI. */
  startHost(): Promise<{ api: TerminalApi; url: string; close(): Promise<void> }>;
  preloadPath?: string;
  production?: boolean;
}

/**
 * The thin Electron main process: one locked-down fullscreen window on the host's UI, with
 * `TerminalApi` carried over IPC. All logic lives in the host; this file only wires.
 */
export async function runShell(o: ShellOptions): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const production = o.production ?? app.isPackaged;
  Menu.setApplicationMenu(null);
  await app.whenReady();
  const host = await o.startHost();
  const origin = new URL(host.url).origin;

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy(origin)] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  ipcMain.handle(COMMAND_CHANNEL, (_event, message: unknown) => dispatchCommand(host.api, message));

  const preload = o.preloadPath ?? fileURLToPath(new URL('./dist/preload.cjs', import.meta.url));
  const win = new BrowserWindow(kioskWindowOptions(preload, production));
  const unsubscribe = host.api.subscribe((event) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { kind: 'event', event });
  });

  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url, origin)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // A crashed renderer is reloaded; the host, and the money it holds, never went away.
  win.webContents.on('render-process-gone', () => {
    if (!win.isDestroyed()) void win.loadURL(host.url);
  });
  win.once('ready-to-show', () => win.show());
  app.on('second-instance', () => win.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    unsubscribe();
    void host.close();
  });
  await win.loadURL(host.url);
}
