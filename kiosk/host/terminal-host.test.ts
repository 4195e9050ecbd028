import { describe, expect, it } from 'vitest';
import type { TerminalEvent } from '../bridge/terminal-api.ts';
import { TerminalHost, type TerminalHostOptions } from './terminal-host.ts';

/** A host whose ports are never reached: a call for help touches no device, store or central. */
function host(clock: { now: number }) {
  const unused = {} as never;
  const o: TerminalHostOptions = { terminalId: 'kiosk-1', store: unused, central: unused, cash: unused, printer: unused, verifyBaseUrl: 'http://central/v1/receipts/', now: () => new Date(clock.now) };
  const h = new TerminalHost(o);
  const events: TerminalEvent[] = [];
  h.subscribe((e) => events.push(e));
  return { h, events };
}

describe('terminal host: a call for help', () => {
  it('stands from the first press until cleared, told once each way; a press meanwhile answers the first time', async () => {
    const clock = { now: Date.parse('2026-04-01T07:30:00.000Z') };
    const { h, events } = host(clock);
    expect(await h.requestAssistance()).toEqual({ requestedAt: '2026-04-01T07:30:00.000Z' });
    clock.now += 4000;
    expect(await h.requestAssistance()).toEqual({ requestedAt: '2026-04-01T07:30:00.000Z' });
    expect(events).toEqual([{ type: 'assistance.requested', requestedAt: '2026-04-01T07:30:00.000Z' }]);
    await h.clearAssistance();
    await h.clearAssistance();
    expect(events.slice(1)).toEqual([{ type: 'assistance.cleared' }]);
    expect(await h.requestAssistance()).toEqual({ requestedAt: '2026-04-01T07:30:04.000Z' });
    expect(events).toHaveLength(3);
  });
});
