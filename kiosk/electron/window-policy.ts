import type { BrowserWindowConstructorOptions } from 'electron';

/** The strict Content-Security-Policy of the kiosk page: only its own origin, no eval. */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `connect-src 'self' ${ws}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

/** Window options of the kiosk: fullscreen, no menu, the renderer locked down. */
export function kioskWindowOptions(preload: string, production: boolean): BrowserWindowConstructorOptions {
  return {
    fullscreen: production,
    kiosk: production,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      devTools: !production,
      spellcheck: false,
    },
  };
}

/** Only the kiosk's own origin may be shown; everything else is refused. */
export function isAllowedUrl(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
