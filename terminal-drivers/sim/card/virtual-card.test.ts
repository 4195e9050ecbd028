import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../card/apdu.ts';
import { CNS_ATR } from './profiles.ts';
import { VirtualCardSimulator, VpcdUnreachableError } from './virtual-card.ts';

/** A stand-in for vpcd's listener: frames out, frames in, as the real driver does. */
async function fakeVpcd(): Promise<{ server: Server; port: number; client: Promise<Socket> }> {
  const server = createServer();
  const client = new Promise<Socket>((r) => server.once('connection', r));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port, client };
}

function frame(payload: number[]): Buffer {
  return Buffer.from([payload.length >> 8, payload.length & 0xff, ...payload]);
}

function readFrame(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        socket.off('data', onData);
        resolve(toHex(buf.subarray(2, 2 + buf.readUInt16BE(0))));
      }
    };
    socket.on('data', onData);
  });
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

describe('VirtualCardSimulator over the vpcd framing', () => {
  it('answers the ATR request and APDUs split across TCP reads; ignores power controls', async () => {
    const { server, port, client } = await fakeVpcd();
    const sim = new VirtualCardSimulator({ port });
    cleanup.push(() => sim.remove(), () => new Promise<void>((r) => server.close(() => r())));
    await sim.insert('mario-rossi');
    const vpcd = await client;
    vpcd.write(frame([0x01])); // power on: no answer
    vpcd.write(frame([0x04]));
    expect(await readFrame(vpcd)).toBe(toHex(CNS_ATR));
    const select = frame([0x00, 0xa4, 0x00, 0x00, 0x02, 0x11, 0x00]);
    const answer = readFrame(vpcd);
    vpcd.write(select.subarray(0, 1));
    await new Promise((r) => setTimeout(r, 20));
    vpcd.write(select.subarray(1));
    expect(await answer).toBe('90 00');
    expect(sim.apduCount).toBe(1);
  });

  it('keeps a mute card quiet and closes the connection on remove', async () => {
    const { server, port, client } = await fakeVpcd();
    const sim = new VirtualCardSimulator({ port });
    cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
    await sim.insert('mute');
    const vpcd = await client;
    const closed = new Promise((r) => vpcd.once('close', r));
    vpcd.on('error', () => undefined);
    let answered = false;
    vpcd.on('data', () => (answered = true));
    vpcd.write(frame([0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00]));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    await sim.remove();
    await closed;
    expect(sim.inserted).toBeUndefined();
  });

  it('says which package to install when nothing listens', async () => {
    const { server, port } = await fakeVpcd();
    await new Promise<void>((r) => server.close(() => r()));
    const err = await new VirtualCardSimulator({ port }).insert('mario-rossi').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VpcdUnreachableError);
    expect((err as Error).message).toMatch(/vsmartcard-vpcd/);
  });

  it('refuses an unknown profile by code', async () => {
    await expect(new VirtualCardSimulator().insert('nobody')).rejects.toMatchObject({ code: 'CARD_PROFILE_UNKNOWN' });
  });
});
