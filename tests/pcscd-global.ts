import { ensurePcscd, type PcscdHandle } from '@cup-kiosk/terminal-drivers/card';

/**
 * One pcscd for the whole run, started before any test file and stopped after the last: a test
 * (or a kiosk host it starts) that finds it running uses it and never stops it, so no file pulls
 * the daemon from under another running beside it.
 */
let pcscd: PcscdHandle | undefined;

export async function setup(): Promise<void> {
  pcscd = await ensurePcscd({ timeoutMs: 15_000 });
}

export async function teardown(): Promise<void> {
  await pcscd?.stop();
}
