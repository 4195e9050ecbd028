import { performance } from 'node:perf_hooks';
import { nexoTerminal } from '../../terminal-drivers/pos/index.ts';
import { PosSimulator } from '../../terminal-drivers/sim/pos/index.ts';
import { atMost, percentile, type Report } from './report.ts';

const PAYMENTS = 100;
/** Payments made before timing, so the JIT and the first connections are not in the sample. */
const WARM_UP = 10;

/**
 * Card payment request → approval through the simulator on a localhost socket: the driver's
 * encoding, one HTTP exchange on a fresh connection, the simulator's journal and answer, and the
 * driver's checks. The cardholder's own time (0 in the simulator) is what a real one adds.
 */
export default async function (report: Report): Promise<void> {
  const sim = await PosSimulator.start();
  const terminal = nexoTerminal({ host: '127.0.0.1', port: sim.port, saleId: 'BENCH-01', poiId: sim.poiId });
  const sample: number[] = [];
  const statusSample: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + PAYMENTS; i++) {
      const transactionId = `BENCH-${process.pid}-${i}`;
      const t0 = performance.now();
      const r = await terminal.pay({ transactionId, amountCents: 100 + i, currency: 'EUR' });
      const t1 = performance.now();
      if (r.outcome !== 'approved') throw new Error(`payment ${i} was ${r.outcome}`);
      await terminal.status(transactionId);
      const t2 = performance.now();
      if (i < WARM_UP) continue;
      sample.push(t1 - t0);
      statusSample.push(t2 - t1);
    }
  } finally {
    await terminal.dispose();
    await sim.close();
  }
  for (const [label, p] of [['p50', 50], ['p99', 99]] as const) {
    const v = percentile(sample, p);
    report({ name: `card payment request → approval via simulator, ${label} (${sample.length})`, value: v, unit: 'ms', ...atMost(v, label === 'p50' ? 10 : 50, 'ms') });
  }
  report({ name: `status of an approved payment (2 exchanges), p50 (${statusSample.length})`, value: percentile(statusSample, 50), unit: 'ms' });
}
