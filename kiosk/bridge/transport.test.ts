import { describe, expect, it } from 'vitest';
import { dispatchCommand } from './dispatch.ts';
import { remoteTerminalApi } from './remote-api.ts';
import { TERMINAL_COMMANDS, type TerminalApi, type TerminalCommand, type TerminalEvent } from './terminal-api.ts';
import type { HostMessage } from './wire.ts';

// The UI side and the host side of a transport joined in memory, as IPC and the WebSocket join
// them: every command of the contract goes through with its arguments and comes back.

function hostApi(calls: { command: string; args: unknown[] }[]): TerminalApi {
  const commands = Object.fromEntries(
    TERMINAL_COMMANDS.map((c) => [
      c,
      async (...args: unknown[]) => {
        calls.push({ command: c, args });
        if (args[0] === 'fail') throw Object.assign(new Error('refused'), { code: 'NOTICE_LOCKED' });
        return { command: c, args };
      },
    ]),
  ) as unknown as Pick<TerminalApi, TerminalCommand>;
  return { ...commands, subscribe: () => () => {} };
}

function joined(host: TerminalApi): { ui: TerminalApi; emit(e: TerminalEvent): void } {
  const listeners: ((m: HostMessage) => void)[] = [];
  const deliver = (m: HostMessage) => listeners.forEach((l) => l(m));
  const ui = remoteTerminalApi({
    send: (message) => void dispatchCommand(host, JSON.parse(JSON.stringify(message))).then((reply) => reply && deliver(JSON.parse(JSON.stringify(reply)) as HostMessage)),
    onMessage: (l) => listeners.push(l),
  });
  return { ui, emit: (event) => deliver({ kind: 'event', event }) };
}

describe('a transport', () => {
  it('carries every command of the contract, the new ones included', async () => {
    expect(TERMINAL_COMMANDS).toEqual(expect.arrayContaining(['findNotice', 'unpaidTickets', 'payRestByCard', 'beginPayment', 'cancelPayment', 'citizenBookings', 'cancelBooking', 'holdMoveSlot', 'confirmMove']));
    const calls: { command: string; args: unknown[] }[] = [];
    const { ui } = joined(hostApi(calls));
    for (const c of TERMINAL_COMMANDS) {
      const args = [`arg-of-${c}`, { items: [{ kind: 'notice', noticeCode: '301000000000000029' }] }];
      expect(await (ui[c] as (...a: unknown[]) => Promise<unknown>)(...args)).toEqual({ command: c, args });
    }
    expect(calls.map((c) => c.command)).toEqual([...TERMINAL_COMMANDS]);
  });

  it("carries a refusal's code, and the events of the host", async () => {
    const { ui, emit } = joined(hostApi([]));
    await expect(ui.findNotice('fail')).rejects.toEqual({ code: 'NOTICE_LOCKED', message: 'refused' });
    const seen: TerminalEvent[] = [];
    ui.subscribe((e) => seen.push(e));
    const event: TerminalEvent = { type: 'pos.approved', paymentId: 'p', cardCents: 2000, cashDueCents: 1230 };
    emit(event);
    expect(seen).toEqual([event]);
  });

  it('answers an unknown command with a typed failure', async () => {
    expect(await dispatchCommand(hostApi([]), { kind: 'command', id: 7, command: 'payEverything', args: [] })).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_COMMAND' } });
  });
});
