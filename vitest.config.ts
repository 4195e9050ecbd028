import { defineConfig } from 'vitest/config';

// One config, three projects: pure units beside the code, integration over real ptys,
// pcscd, SQLite and HTTP, and end to end in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['kiosk/**/*.test.ts', 'terminal-drivers/**/*.test.ts', 'sync-service/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          environment: 'node',
          setupFiles: ['kiosk/ui/i18n/load-all.test-setup.ts'],
          // Property tests run thousands of cases; a 2-core CI machine under load needs the room.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/pcscd-global.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/pcscd-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
