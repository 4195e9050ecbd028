import { main } from '../../kiosk/cli/main.ts';

type Stream = Parameters<typeof main>[1] & Parameters<typeof main>[2];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

function capture(onWrite?: (s: string) => void): { stream: Stream; text: () => string } {
  let text = '';
  const stream = {
    write: (s: string) => {
      text += s;
      onWrite?.(s);
      return true;
    },
  } as unknown as Stream;
  return { stream, text: () => text };
}

/** Runs `cupk` through its real `main()` with stdout and stderr captured. */
export function cupk(...argv: string[]): Promise<Run> {
  return cupkWatching(() => {}, ...argv);
}

/**
 * The same, for a long-running command: `onProgress` hears each progress line as it is
 * written (on stderr under `--json`), while the command runs.
 */
export async function cupkWatching(onProgress: (line: string) => void, ...argv: string[]): Promise<Run> {
  const out = capture();
  const err = capture(onProgress);
  const code = await main(argv, out.stream, err.stream);
  const stdout = out.text();
  const json = argv.includes('--json') && stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {};
  return { code, stdout, stderr: err.text(), json };
}
