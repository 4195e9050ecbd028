import { main } from '../../kiosk/cli/main.ts';

type Stream = Parameters<typeof main>[1] & Parameters<typeof main>[2];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, unknown>;
}

function capture(): { stream: Stream; text: () => string } {
  let text = '';
  const stream = { write: (s: string) => ((text += s), true) } as unknown as Stream;
  return { stream, text: () => text };
}

/** Runs `cupk` through its real `main()` with stdout and stderr captured. */
export async function cupk(...argv: string[]): Promise<Run> {
  const out = capture();
  const err = capture();
  const code = await main(argv, out.stream, err.stream);
  const stdout = out.text();
  const json = argv.includes('--json') && stdout ? (JSON.parse(stdout) as Record<string, unknown>) : {};
  return { code, stdout, stderr: err.text(), json };
}
