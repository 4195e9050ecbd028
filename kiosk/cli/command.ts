import type { ParseArgsConfig } from 'node:util';

/** Wrong usage of the command line: exit 2, usage on stderr. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/**
 * One `cupk` subcommand. `run` returns the JSON object printed with `--json`; it throws a
 * `CupError` for bad input (exit 1) and a `UsageError` for wrong usage (exit 2).
 */
export interface Command {
  /** Words after `cupk`, e.g. `['cf', 'check']`. */
  path: string[];
  usage: string;
  summary: string;
  options?: Options;
  /** How many positional arguments it takes (after the command words). */
  positionals?: { min: number; max: number };
  run(positionals: string[], values: Values, io: CommandIo): Promise<object>;
  /** The human form of the result, without `--json`; default: key: value lines. */
  human?(result: object): string;
}

export interface CommandIo {
  readStdin(): Promise<string>;
  /**
   * Progress of a long-running command (`central start`, `pos sim`): a line on stdout, or on
   * stderr under `--json`, where stdout carries exactly the one result object.
   */
  log(line: string): void;
  /** What a watching command reports (`card watch`): one line each on stdout, always. */
  event(line: string): void;
}

/** Resolves with the signal that asks a foreground command to stop (Ctrl-C, or a service stop). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function stringOption(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requiredOption(values: Values, name: string): string {
  const v = stringOption(values, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
}

export function integerOption(values: Values, name: string, fallback?: number): number {
  const v = stringOption(values, name);
  if (v === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a whole number`);
  return Number(v);
}
