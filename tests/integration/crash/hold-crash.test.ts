import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCrashSite, type CrashSite } from './crash-site.ts';
import { until } from '../host/kiosk-rig.ts';

// A host killed with SIGKILL (a power cut) while a citizen has a slot held at the central: the
// host restarted on the same data folder gives the hold back, so the slot is free for others at
// once, not when the hold lapses. Real processes, the real central over signed HTTP.

const ROSSI = 'RSSMRA85T10A562S';
/** Rossi's cardiology visit, priority B: the demo agenda has slots for it within ten days. */
const VISIT_B = '0701B2000417411';
let site: CrashSite;

beforeAll(async () => {
  site = await openCrashSite({ name: 'cupk-hold-crash', terminalId: 'CRASH-HOLD-01', bookings: [], hopperStock: 10, seedDemo: true });
}, 60_000);

afterAll(async () => {
  await site?.close();
});

describe('a hold left by a killed host', () => {
  it('is given back at the central by the restarted host', async () => {
    await site.startHost();
    const api = site.client().api;
    const { slots } = await api.findSlots({ taxCode: ROSSI, nre: VISIT_B });
    const held = await api.holdSlot({ taxCode: ROSSI, nre: VISIT_B, slotId: slots[0]!.slotId });
    expect((await site.central.store.getSlot(slots[0]!.slotId))?.hold?.holdId).toBe(held.holdId);
    expect(Date.parse(held.heldUntil) - Date.now()).toBeGreaterThan(60_000);

    await site.killHost();
    await site.startHost();
    await until(async () => (await site.central.store.getSlot(slots[0]!.slotId))?.hold === null, 'the hold given back', 20_000);
    // Free for the next citizen: offered again.
    const again = await site.client().api.findSlots({ taxCode: ROSSI, nre: VISIT_B });
    expect(again.slots.map((s) => s.slotId)).toContain(slots[0]!.slotId);
  }, 120_000);
});
