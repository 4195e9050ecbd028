import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MissingSystemPackageError } from '../serial/pty-pair.ts';
import { ensurePcscd, pcscdAlive, tcpListening } from './pcscd.ts';

describe('ensurePcscd', () => {
  it('names the vsmartcard-vpcd package when the vpcd reader config is absent', async () => {
    const err = await ensurePcscd({ vpcdConfig: '/nonexistent/reader.conf.d/vpcd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingSystemPackageError);
    expect((err as MissingSystemPackageError).details).toEqual({ package: 'vsmartcard-vpcd' });
    expect((err as Error).message).toMatch(/apt-get install vsmartcard-vpcd/);
  });

  it('calls a missing socket not alive', async () => {
    expect(await pcscdAlive('/nonexistent/pcscd.comm')).toBe(false);
  });

  it('finds a listening TCP port without connecting to it', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    expect(tcpListening(port)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(tcpListening(port)).toBe(false);
  });
});
