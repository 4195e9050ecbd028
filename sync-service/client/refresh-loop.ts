import type { RuleBookLogger } from './rule-book.ts';

/**
 * Runs `refresh` now and then `everyMs` after each run ends, logging a failure as `what failed`
 * (the next run tries again). Returns stop, which waits for `settled` (the run in flight).
 */
export function refreshLoop(refresh: () => Promise<unknown>, everyMs: number, logger: RuleBookLogger, what: string, settled: () => Promise<unknown>): () => Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    await refresh().catch((e: unknown) => logger.warn({ err: { code: (e as { code?: string }).code, message: (e as Error).message } }, `${what} failed`));
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  void tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await settled();
  };
}

/** pino's JSON lines on stderr: the default logger of the books a terminal keeps. */
export const stderrLogger: RuleBookLogger = {
  info: (fields, msg) => process.stderr.write(`${JSON.stringify({ level: 30, time: Date.now(), ...fields, msg })}\n`),
  warn: (fields, msg) => process.stderr.write(`${JSON.stringify({ level: 40, time: Date.now(), ...fields, msg })}\n`),
};
