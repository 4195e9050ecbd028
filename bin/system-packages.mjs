// Debian packages the kiosk and its tests need, checked (and installed where we may) before
// `npm install` builds native modules, before `npm start`, and before `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Needed to build the PC/SC binding and to run the simulated devices. */
export const RUNTIME_PACKAGES = ['libpcsclite-dev', 'pcscd', 'vsmartcard-vpcd', 'socat'];
/** Needed by the tests: the browser, fonts for Italian, Arabic and Chinese, and PostgreSQL for the central. */
export const TEST_PACKAGES = [...RUNTIME_PACKAGES, 'chromium', 'fonts-dejavu-core', 'fonts-noto-cjk', 'postgresql'];

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

export function missingPackages(pkgs) {
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) return [];
  return pkgs.filter((p) => !installed(p));
}

/** Installs what is missing when we are root with apt-get; otherwise says what to install. */
export function ensurePackages(pkgs, { install = true } = {}) {
  const missing = missingPackages(pkgs);
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version']).status === 0;
  if (!install || !isRoot || !hasApt) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} — run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  console.error(`cup-kiosk: installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
}

/**
 * npm builds dependencies before it runs our preinstall, so on a machine without libpcsclite-dev
 * the PC/SC binding (an optional dependency for that reason) is skipped. Once the packages are
 * here, this builds it.
 */
export function ensurePcscBinding() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const require = createRequire(join(root, 'terminal-drivers', 'package.json'));
  try {
    require('@pokusew/pcsclite');
    return;
  } catch {
    // not built yet: install it below
  }
  const spec = require('./package.json').optionalDependencies['@pokusew/pcsclite'];
  console.error('cup-kiosk: building the PC/SC binding now that libpcsclite-dev is installed');
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '-w', 'terminal-drivers', `@pokusew/pcsclite@${spec}`], {
    cwd: root,
    stdio: 'inherit',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] === 'test' ? TEST_PACKAGES : RUNTIME_PACKAGES;
  try {
    ensurePackages(which);
    if (process.argv[2] === 'binding') ensurePcscBinding();
  } catch (e) {
    console.error(`cup-kiosk: ${e.message}`);
    process.exit(1);
  }
}
