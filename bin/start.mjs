// `npm start`: builds the UI, then opens the kiosk in Electron where its binary is installed,
// or runs the same host in Node and prints the URL to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ensurePackages, ensurePcscBinding, RUNTIME_PACKAGES } from './system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensurePackages(RUNTIME_PACKAGES);
ensurePcscBinding();

const build = spawnSync('npx', ['vite', 'build', '--config', 'kiosk/ui/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  try {
    return createRequire(import.meta.url)('electron');
  } catch {
    return null;
  }
}

const electron = process.env.CUPK_NO_ELECTRON ? null : electronBinary();
if (electron) {
  const pre = spawnSync(
    'npx',
    ['esbuild', 'kiosk/electron/preload.ts', '--bundle', '--platform=node', '--format=cjs', '--external:electron', '--outfile=kiosk/electron/dist/preload.cjs'],
    { cwd: root, stdio: 'inherit' },
  );
  if (pre.status !== 0) process.exit(pre.status ?? 1);
  // Electron's Node loads the TypeScript sources through tsx, as the browser host does.
  const child = spawn(electron, ['kiosk/electron/start.ts', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim() },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not installed here: running the kiosk host for a browser.');
  const child = spawn(process.execPath, ['--import', 'tsx', 'kiosk/host/main.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
