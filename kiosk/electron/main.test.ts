import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TerminalApi, TerminalEvent } from '../bridge/terminal-api.ts';

type Handler = (...args: any[]) => any;

const m = vi.hoisted(() => {
  const state = {
    lock: true,
    windows: [] as any[],
    appHandlers: {} as Record<string, Handler>,
    ipcHandlers: {} as Record<string, Handler>,
    headersHook: null as Handler | null,
    permissionHook: null as Handler | null,
  };
  class FakeWebContents {
    handlers: Record<string, Handler> = {};
    sent: [string, unknown][] = [];
    openHandler: Handler | null = null;
    loaded: string[] = [];
    on(name: string, h: Handler) {
      this.handlers[name] = h;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    setWindowOpenHandler(h: Handler) {
      this.openHandler = h;
    }
  }
  class FakeWindow {
    webContents = new FakeWebContents();
    options: any;
    constructor(options: any) {
      this.options = options;
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.webContents.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    once() {}
    show() {}
    focus() {}
  }
  return { state, FakeWindow };
});

vi.mock('electron', () => ({
  app: {
    requestSingleInstanceLock: () => m.state.lock,
    quit: vi.fn(),
    isPackaged: false,
    whenReady: () => Promise.resolve(),
    on: (name: string, h: Handler) => {
      m.state.appHandlers[name] = h;
    },
  },
  BrowserWindow: m.FakeWindow,
  Menu: { setApplicationMenu: vi.fn() },
  ipcMain: {
    handle: (channel: string, h: Handler) => {
      m.state.ipcHandlers[channel] = h;
    },
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (h: Handler) => (m.state.headersHook = h) },
      setPermissionRequestHandler: (h: Handler) => (m.state.permissionHook = h),
    },
  },
}));

const { runShell } = await import('./main.ts');
const electron = await import('electron');

function fakeApi() {
  const listeners = new Set<(e: TerminalEvent) => void>();
  const api = {
    info: vi.fn(async () => ({ terminalId: 'K1', today: '2026-11-23' })),
    subscribe: (l: (e: TerminalEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as TerminalApi;
  return { api, emit: (e: TerminalEvent) => listeners.forEach((l) => l(e)) };
}

const URL_ = 'http://127.0.0.1:4321';

beforeEach(() => {
  m.state.lock = true;
  m.state.windows.length = 0;
  m.state.ipcHandlers = {};
  m.state.appHandlers = {};
});

describe('electron shell', () => {
  it('quits without a window when another instance holds the lock', async () => {
    m.state.lock = false;
    const startHost = vi.fn();
    await runShell({ startHost, preloadPath: '/p.cjs' });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(startHost).not.toHaveBeenCalled();
    expect(m.state.windows).toHaveLength(0);
  });

  it('opens one locked-down window on the host UI and carries the API over IPC', async () => {
    const { api, emit } = fakeApi();
    await runShell({ startHost: async () => ({ api, url: URL_, close: async () => {} }), preloadPath: '/p.cjs', production: true });
    expect(m.state.windows).toHaveLength(1);
    const win = m.state.windows[0];
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: '/p.cjs' });
    expect(win.options.kiosk).toBe(true);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(win.webContents.loaded).toEqual([URL_]);

    const reply = await m.state.ipcHandlers['terminal:command']!({}, { kind: 'command', id: 7, command: 'info', args: [] });
    expect(reply).toEqual({ kind: 'result', id: 7, ok: true, value: { terminalId: 'K1', today: '2026-11-23' } });
    const bad = await m.state.ipcHandlers['terminal:command']!({}, { kind: 'command', id: 8, command: 'rm -rf', args: [] });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('BAD_COMMAND');

    emit({ type: 'card.removed' });
    expect(win.webContents.sent).toEqual([['terminal:event', { kind: 'event', event: { type: 'card.removed' } }]]);
  });

  it('blocks navigation away, new windows and permissions, and sets a strict CSP', async () => {
    const { api } = fakeApi();
    await runShell({ startHost: async () => ({ api, url: URL_, close: async () => {} }), preloadPath: '/p.cjs' });
    const wc = m.state.windows[0].webContents;
    const away = { preventDefault: vi.fn() };
    wc.handlers['will-navigate'](away, 'https://example.org/');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    wc.handlers['will-navigate'](home, `${URL_}/index.html`);
    expect(home.preventDefault).not.toHaveBeenCalled();
    expect(wc.openHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    const perm = vi.fn();
    m.state.permissionHook!({}, 'media', perm);
    expect(perm).toHaveBeenCalledWith(false);
    let headers: any;
    m.state.headersHook!({ responseHeaders: {} }, (r: any) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain(`default-src 'self'`);
    expect(headers['Content-Security-Policy'][0]).not.toContain('unsafe-eval');
  });

  it('reloads the UI when the renderer crashes, keeping the same host', async () => {
    const { api } = fakeApi();
    const startHost = vi.fn(async () => ({ api, url: URL_, close: async () => {} }));
    await runShell({ startHost, preloadPath: '/p.cjs' });
    const wc = m.state.windows[0].webContents;
    wc.handlers['render-process-gone']({}, { reason: 'crashed' });
    expect(wc.loaded).toEqual([URL_, URL_]);
    expect(startHost).toHaveBeenCalledTimes(1);
  });
});
