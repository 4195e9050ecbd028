import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, Figure } from './report.ts';

// `npm run bench [name...]`: runs every `*.bench.ts` here (or those named) and prints each
// figure beside its goal. Benchmarks measure; they never fail the test suite.

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const format = (f: Figure) => {
  const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 3 : 1);
  const mark = f.ok === undefined ? ' ' : f.ok ? '✓' : '✗';
  return `  ${mark} ${f.name.padEnd(58)} ${value.padStart(12)} ${f.unit.padEnd(8)} ${f.target ?? ''}`;
};

for (const file of files) {
  console.log(`\n${file.replace('.bench.ts', '')}`);
  const mod = (await import(join(dir, file))) as { default: Benchmark };
  try {
    await mod.default((figure) => console.log(format(figure)));
  } catch (e) {
    console.log(`  ! failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
