import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { TERMINAL_COMMANDS } from '../bridge/terminal-api.ts';

// A sandboxed preload can require `electron` and nothing of its own: the build must inline
// everything else, as `npm start` builds it for the Electron window.

describe('preload bundle', () => {
  it('is one CommonJS file whose only require is electron', async () => {
    const out = await build({
      entryPoints: [fileURLToPath(new URL('./preload.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
    });
    const code = out.outputFiles[0]!.text;
    const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld("terminalApi"');
    // The page gets every command of the contract.
    for (const c of TERMINAL_COMMANDS) expect(code).toContain(`"${c}"`);
  });
});
