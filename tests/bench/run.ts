import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatFigure, type Benchmark } from './report.ts';

// `npm run bench [name...]`: runs every `*.bench.ts` here (or those named) and prints each
// figure beside its goal. Benchmarks measure; they never fail the test suite.

const only = process.argv.slice(2);
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

for (const file of files) {
  console.log(`\n${file.replace('.bench.ts', '')}`);
  const mod = (await import(join(dir, file))) as { default: Benchmark };
  try {
    await mod.default((figure) => console.log(formatFigure(figure)));
  } catch (e) {
    console.log(`  ! failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
