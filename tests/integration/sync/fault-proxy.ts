import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** What the proxy does to one client connection (and every request kept alive on it). */
export type Fault = 'pass' | 'drop' | 'lose-response' | 'cut-midway' | 'delay' | 'duplicate';

export interface FaultProxy {
  url: string;
  /** How many connections got each fault. */
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback between a terminal and the central that picks a fault per connection:
 * drop it, forward the request but lose the answer (a lost ack), cut the request half-way,
 * delay every chunk, or deliver the request twice. `pick` is given a counter so a test can
 * make the sequence deterministic.
 */
export async function startFaultProxy(target: { host: string; port: number }, pick: (n: number) => Fault, delayMs = 30): Promise<FaultProxy> {
  const counts: Record<Fault, number> = { pass: 0, drop: 0, 'lose-response': 0, 'cut-midway': 0, delay: 0, duplicate: 0 };
  const sockets = new Set<Socket>();
  let n = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    return s;
  };
  const server: Server = createServer((down) => {
    track(down);
    const fault = pick(n++);
    counts[fault] += 1;
    if (fault === 'drop') return void down.destroy();
    const up = track(connect(target));
    const end = () => {
      down.destroy();
      up.destroy();
    };
    up.on('close', () => down.destroy());
    down.on('close', () => up.destroy());
    // One request per connection: the client keeps connections alive, and a fault chosen per
    // connection would otherwise apply to every later request (or to none).
    let idle: ReturnType<typeof setTimeout> | undefined;
    // The connection ends a fixed time after the first answer chunk, not after the last: a
    // client that sends its next request sooner would otherwise keep one connection, and one
    // fault, for the rest of the run.
    const toDown = (chunk: Buffer) => {
      down.write(chunk);
      idle ??= setTimeout(end, 50);
    };
    switch (fault) {
      case 'pass':
        down.pipe(up);
        up.on('data', toDown);
        break;
      case 'lose-response':
        down.pipe(up);
        up.once('data', end);
        break;
      case 'cut-midway':
        down.once('data', (chunk: Buffer) => {
          up.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => setTimeout(end, 20));
        });
        break;
      case 'delay':
        down.on('data', (chunk: Buffer) => setTimeout(() => up.write(chunk), delayMs));
        up.on('data', (chunk: Buffer) => setTimeout(() => toDown(chunk), delayMs));
        break;
      case 'duplicate': {
        const twin = track(connect(target));
        twin.resume();
        down.on('data', (chunk: Buffer) => {
          up.write(chunk);
          twin.write(chunk);
        });
        down.on('close', () => twin.destroy());
        up.on('data', toDown);
        break;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
