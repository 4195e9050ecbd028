import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENDA_NOW, ROSSI } from '../../../sync-service/central/agenda-fixtures.ts';
import { CAMPAIGN_SLOTS, CAMPAIGNS, campaignBookingItem, declineItem, INVITATIONS, ROSSI_FLU, ROSSI_SCREENING, VERDI } from '../../../sync-service/central/campaign-fixtures.ts';
import { CentralCampaigns } from '../../../sync-service/central/campaigns.ts';
import { ingestBatch, type CentralStore } from '../../../sync-service/central/index.ts';
import type { SyncItem } from '../../../sync-service/protocol/index.ts';
import { bothStores, type OpenedStore } from './both-stores.ts';

// The campaign part of the central store's contract, on both stores: seeding adds only what is
// missing, invitations read with their campaign, a booking of a held slot books the slot and
// the invitation, a decline is kept, and the admin counts follow.

const STORES = bothStores('cupk-campaign-contract-');

describe.each(STORES)('campaign store contract on %s', (_name, open) => {
  let opened: OpenedStore;
  let store: CentralStore;
  let campaigns: CentralCampaigns;
  let clock: number;
  const ingest = (items: SyncItem[]) => ingestBatch(store, 'kiosk-1', items, new Date(clock).toISOString());

  beforeEach(async () => {
    opened = await open();
    store = opened.store;
    clock = AGENDA_NOW;
    campaigns = new CentralCampaigns({ store, now: () => new Date(clock) });
    expect(await store.campaigns.addCampaigns(CAMPAIGNS)).toBe(CAMPAIGNS.length);
    expect(await store.campaigns.addInvitations(INVITATIONS)).toBe(INVITATIONS.length);
    expect(await store.addSlots(CAMPAIGN_SLOTS)).toBe(CAMPAIGN_SLOTS.length);
  });
  afterEach(async () => opened.cleanup());

  it('seeds once and reads invitations with their campaign', async () => {
    expect(await store.campaigns.addCampaigns(CAMPAIGNS)).toBe(0);
    expect(await store.campaigns.addInvitations(INVITATIONS)).toBe(0);
    expect((await store.campaigns.invitationsOf(ROSSI)).map((i) => [i.invitationId, i.campaign.kind, i.status, i.bookingCode])).toEqual([
      [ROSSI_FLU, 'vaccination', 'invited', null],
      [ROSSI_SCREENING, 'screening', 'invited', null],
    ]);
    expect(await store.campaigns.getInvitation('NOPE')).toBeUndefined();
  });

  it('books a held slot for an invitation at ingest, keeps a decline, and counts both', async () => {
    const slotId = (await campaigns.search(ROSSI_SCREENING, ROSSI)).slots[0]!.slotId;
    const held = await campaigns.hold(ROSSI_SCREENING, slotId, ROSSI, 'kiosk-1');
    expect(await ingest([campaignBookingItem('kiosk-1', 'cb1', 1, ROSSI_SCREENING, held), declineItem('kiosk-1', 'd1', 2, ROSSI_FLU)])).toEqual([
      { key: 'cb1', status: 'stored' },
      { key: 'd1', status: 'stored' },
    ]);
    expect(await store.campaigns.getInvitation(ROSSI_SCREENING)).toMatchObject({ status: 'booked', bookingCode: held.booking.code });
    expect((await store.campaigns.getInvitation(ROSSI_FLU))?.status).toBe('declined');
    expect((await store.getSlot(slotId))?.bookingCode).toBe(held.booking.code);
    expect((await store.getBooking(held.booking.code))?.taxCode).toBe(ROSSI);
    // The same key again changes nothing; the invitation cannot be booked twice.
    expect(await ingest([campaignBookingItem('kiosk-1', 'cb1', 1, ROSSI_SCREENING, held)])).toEqual([{ key: 'cb1', status: 'duplicate' }]);
    expect(await campaigns.invitations(ROSSI)).toEqual([]);
    expect((await store.campaigns.summaries()).map((c) => [c.code, c.invited, c.booked, c.declined])).toEqual([
      ['SCR-CCR', 1, 1, 0],
      ['VAC-FLU', 2, 0, 1],
    ]);
    expect((await campaigns.invitations(VERDI)).length).toBe(1);
  });
});
