import { describe, expect, it } from 'vitest';
import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { CitizenNews } from '../bridge/campaign-api.ts';
import type { HeldSlot, HoldSlotInput, SlotSearch } from '../bridge/terminal-api.ts';
import { heldSlot, slots } from './session-booking-fakes.ts';
import { mario, settle, start } from './session-fakes.ts';

const INVITE = 'SCR-CCR-RSSMRA85T10A562S';
const NEWS: CitizenNews = {
  invitations: [{ invitationId: INVITE, campaignName: 'Screening del tumore del colon-retto', kind: 'screening', serviceDescription: 'Screening colorettale', validTo: '2027-03-01' }],
  conflicts: [{ key: 'payment:p9', kind: 'payment', reason: 'NOTICE_ALREADY_PAID', bookingCode: '100000000190', what: null, startsAt: null, paidCents: 2455, at: '2026-12-01T09:00:00.000Z' }],
};
const free = (held: HeldSlot): HeldSlot => ({ ...held, booking: { ...held.booking, amountDueCents: 0, cashDueCents: 0 }, payAtAppointmentAllowed: false });

/** A session whose host tells `news` of every citizen, recording what it is asked. */
function session(news: CitizenNews = NEWS) {
  const asked: string[] = [];
  const s = start({
    citizenNews: fromCallback<EventObject, { taxCode: string }>(({ input, sendBack }) => {
      asked.push(`news:${input.taxCode}`);
      void Promise.resolve().then(() => sendBack({ type: 'NEWS.LOADED', taxCode: input.taxCode, news }));
    }),
    declineInvitation: fromPromise<void, { taxCode: string; invitationId: string }>(async ({ input }) => void asked.push(`decline:${input.invitationId}`)),
    acknowledgeConflict: fromPromise<void, { taxCode: string; key: string }>(async ({ input }) => void asked.push(`ack:${input.key}`)),
    findSlots: fromPromise<SlotSearch, { taxCode: string; nre: string; invitationId?: string }>(async ({ input }) => {
      asked.push(`slots:${input.invitationId ?? input.nre}`);
      return { invitation: NEWS.invitations[0]!, deadline: '2027-03-01T22:59:59Z', slots };
    }),
    holdSlot: fromPromise<HeldSlot, HoldSlotInput>(async ({ input }) => (asked.push(`hold:${input.invitationId}:${input.slotId}`), free(heldSlot(input.slotId)))),
  });
  return { ...s, asked };
}

describe('what a citizen is told when they identify', () => {
  it('asks beside the menu, once, and shows the answer only for the citizen at the kiosk', async () => {
    const { actor, asked } = session();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    expect(actor.getSnapshot().value).toBe('menu');
    // Another citizen's answer (a session that ended meanwhile) is not shown.
    actor.send({ type: 'NEWS.LOADED', taxCode: 'VRDGPP50H22D96VF', news: NEWS });
    expect(actor.getSnapshot().context.news).toBeNull();
    await settle();
    expect(actor.getSnapshot().context.news).toEqual(NEWS);
    actor.send({ type: 'MENU.PAY_BOOKING' });
    actor.send({ type: 'NAV.BACK' });
    await settle();
    expect(asked).toEqual([`news:${mario.taxCode}`]);
  });

  it('records a decline and an acknowledgement, and shows neither again', async () => {
    const { actor, asked } = session();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    await settle();
    actor.send({ type: 'INVITATION.DECLINE', invitationId: INVITE });
    expect(actor.getSnapshot().value).toBe('decliningInvitation');
    await settle();
    expect(actor.getSnapshot().value).toBe('menu');
    actor.send({ type: 'CONFLICT.ACKNOWLEDGE', key: 'payment:p9' });
    await settle();
    expect(asked).toEqual([`news:${mario.taxCode}`, `decline:${INVITE}`, 'ack:payment:p9']);
    expect(actor.getSnapshot().context.news).toEqual({ invitations: [], conflicts: [] });
    actor.send({ type: 'NEWS.LOADED', taxCode: mario.taxCode, news: NEWS });
    expect(actor.getSnapshot().context.news).toEqual({ invitations: [], conflicts: [] });
    // Nothing shown, nothing to answer.
    actor.send({ type: 'INVITATION.BOOK', invitationId: INVITE });
    expect(actor.getSnapshot().value).toBe('menu');
  });

  it('books an invitation on the booking screens with nothing to pay, and it leaves the menu', async () => {
    const { actor, asked, calls } = session();
    actor.send({ type: 'CARD.INSERTED', citizen: mario });
    await settle();
    actor.send({ type: 'INVITATION.BOOK', invitationId: INVITE });
    await settle();
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    // No waiting list for a campaign.
    actor.send({ type: 'WAITING_LIST.JOIN' });
    expect(actor.getSnapshot().value).toBe('choosingSlot');
    actor.send({ type: 'SLOT.CHOOSE', slotId: 's1' });
    await settle();
    expect(asked).toContain(`hold:${INVITE}:s1`);
    actor.send({ type: 'BOOKING.CONFIRM', payAt: 'appointment' });
    expect(actor.getSnapshot().value).toBe('holding');
    actor.send({ type: 'BOOKING.CONFIRM', payAt: 'now' });
    await settle();
    expect(actor.getSnapshot().value).toBe('booked');
    expect(calls).toContain('confirm:h-s1:now');
    actor.send({ type: 'NAV.BACK' });
    expect(actor.getSnapshot().value).toBe('menu');
    expect(actor.getSnapshot().context.news?.invitations).toEqual([]);
    expect(actor.getSnapshot().context.invitationId).toBeNull();
  });
});
