// `npm test`: system packages, typecheck, lint, then every test: units, integration over real
// ptys / pcscd / SQLite / HTTP, and end to end in Debian's Chromium. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { ensurePackages, ensurePcscBinding, TEST_PACKAGES } from './system-packages.mjs';

ensurePackages(TEST_PACKAGES);
ensurePcscBinding();

const steps = [
  ['typecheck', ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', ['npx', 'eslint', '.']],
  ['ui build', ['npx', 'vite', 'build', '--config', 'kiosk/ui/vite.config.ts', '--logLevel', 'warn']],
  ['unit tests', ['npx', 'vitest', 'run', '--project', 'unit']],
  ['integration tests', ['npx', 'vitest', 'run', '--project', 'integration']],
  ['end-to-end tests', ['npx', 'vitest', 'run', '--project', 'e2e']],
];

const only = process.argv.slice(2);
for (const [name, [cmd, ...args]] of steps) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n── ${name} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nnpm test: ${name} failed`);
    process.exit(r.status ?? 1);
  }
}
