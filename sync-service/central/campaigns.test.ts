import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { romeWallTimeToInstant } from '../domain/index.ts';
import type { CampaignListResponse, InvitationListResponse, InvitationSlotSearchResponse, SlotHoldResponse } from '../protocol/index.ts';
import { AGENDA_NOW, ROSSI } from './agenda-fixtures.ts';
import { buildCentralApp } from './app.ts';
import { CAMPAIGN_SLOTS, CAMPAIGNS, campaignBookingItem, declineItem, INVITATIONS, ROSSI_FLU, ROSSI_SCREENING, VERDI } from './campaign-fixtures.ts';
import { ingestBatch } from './ingest.ts';
import { SqliteCentralStore } from './sqlite-store.ts';

const ADMIN = 'admin-token-of-the-tests';
let dir: string;
let store: SqliteCentralStore;
let app: FastifyInstance;
let clock: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-campaigns-'));
  store = await SqliteCentralStore.open(join(dir, 'central.db'));
  await store.campaigns.addCampaigns(CAMPAIGNS);
  await store.campaigns.addInvitations(INVITATIONS);
  await store.addSlots(CAMPAIGN_SLOTS);
  clock = AGENDA_NOW;
  app = buildCentralApp(store, { now: () => new Date(clock), requireSignatures: false, adminToken: ADMIN });
});

afterEach(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const post = (url: string, body: unknown) => app.inject({ method: 'POST', url, payload: body as object });
const invitationsOf = async (taxCode: string) => ((await get(`/v1/citizens/${taxCode}/invitations`)).json() as InvitationListResponse).invitations;
const search = async (invitationId: string, taxCode = ROSSI) => (await post(`/v1/invitations/${invitationId}/slots`, { taxCode })).json() as InvitationSlotSearchResponse;
const hold = (invitationId: string, slotId: string, taxCode = ROSSI) => post(`/v1/invitations/${invitationId}/slots/${encodeURIComponent(slotId)}/hold`, { taxCode });
const ingest = (items: Parameters<typeof ingestBatch>[2]) => ingestBatch(store, 'unsigned', items, new Date(clock).toISOString());
const counts = async () => ((await get('/v1/admin/campaigns', { authorization: `Bearer ${ADMIN}` })).json() as CampaignListResponse).campaigns.map((c) => [c.code, c.invited, c.booked, c.declined]);

describe('campaign invitations at the central', () => {
  it("lists a citizen's open invitations with their campaign; seeding again adds nothing", async () => {
    expect(await store.campaigns.addCampaigns(CAMPAIGNS)).toBe(0);
    expect(await store.campaigns.addInvitations(INVITATIONS)).toBe(0);
    const rossi = await invitationsOf(ROSSI);
    expect(rossi.map((i) => [i.invitationId, i.kind, i.status])).toEqual([
      [ROSSI_FLU, 'vaccination', 'invited'],
      [ROSSI_SCREENING, 'screening', 'invited'],
    ]);
    expect(rossi[1]!.service.code).toBe('SCR.CCR');
    expect((await invitationsOf(VERDI)).map((i) => i.campaignCode)).toEqual(['VAC-FLU']);
    expect((await get('/v1/citizens/RSSMRA85T10A562X/invitations')).json()).toMatchObject({ error: { code: 'TAX_CODE_INVALID' } });
  });

  it("searches the campaign's service inside its window, and books a held slot with nothing to pay", async () => {
    const found = await search(ROSSI_SCREENING);
    expect(found.slots.length).toBeGreaterThan(0);
    expect(found.slots.every((s) => s.serviceCode === 'SCR.CCR' && romeWallTimeToInstant(s.startsAt).getTime() >= clock)).toBe(true);
    expect(found.slots.map((s) => s.startsAt)).toEqual([...found.slots.map((s) => s.startsAt)].sort());

    const res = await hold(ROSSI_SCREENING, found.slots[0]!.slotId);
    expect(res.statusCode).toBe(200);
    const held = res.json() as SlotHoldResponse;
    expect(held.booking.prescriptions).toEqual([{ services: [{ code: 'SCR.CCR', description: CAMPAIGNS[0]!.service.description, tariffCents: 0 }] }]);
    // Another citizen cannot hold for Rossi's letter, nor anyone a slot of another service.
    expect((await hold(ROSSI_SCREENING, found.slots[1]!.slotId, VERDI)).json()).toMatchObject({ error: { code: 'INVITATION_NOT_YOURS' } });
    expect((await hold(ROSSI_FLU, found.slots[1]!.slotId)).json()).toMatchObject({ error: { code: 'SLOT_UNKNOWN' } });

    expect(await ingest([campaignBookingItem('unsigned', 'cb1', 1, ROSSI_SCREENING, held)])).toEqual([{ key: 'cb1', status: 'stored' }]);
    expect((await store.getBooking(held.booking.code))?.startsAt).toBe(found.slots[0]!.startsAt);
    expect((await store.campaigns.getInvitation(ROSSI_SCREENING))).toMatchObject({ status: 'booked', bookingCode: held.booking.code });
    // Booked: no longer offered, its slot no longer free, and not bookable twice.
    expect((await invitationsOf(ROSSI)).map((i) => i.invitationId)).toEqual([ROSSI_FLU]);
    expect((await search(ROSSI_FLU)).slots.length).toBeGreaterThan(0);
    expect((await post(`/v1/invitations/${ROSSI_SCREENING}/slots`, { taxCode: ROSSI })).json()).toMatchObject({ error: { code: 'INVITATION_NOT_OPEN' } });
    expect(await counts()).toEqual([
      ['SCR-CCR', 1, 1, 0],
      ['VAC-FLU', 2, 0, 0],
    ]);
  });

  it('answers SLOT_TAKEN to a booking whose slot another terminal booked while it was offline', async () => {
    const slotId = (await search(ROSSI_FLU)).slots[0]!.slotId;
    const rossi = (await hold(ROSSI_FLU, slotId)).json() as SlotHoldResponse;
    // Rossi's hold lapses unconfirmed; Verdi holds and books the same slot.
    clock += 11 * 60_000;
    const verdi = (await hold(`VAC-FLU-${VERDI}`, slotId, VERDI)).json() as SlotHoldResponse;
    expect(await ingest([campaignBookingItem('unsigned', 'v1', 1, `VAC-FLU-${VERDI}`, verdi)])).toEqual([{ key: 'v1', status: 'stored' }]);
    expect(await ingest([campaignBookingItem('unsigned', 'r1', 2, ROSSI_FLU, rossi)])).toEqual([{ key: 'r1', status: 'conflict', reason: 'SLOT_TAKEN' }]);
    expect((await store.campaigns.getInvitation(ROSSI_FLU))?.status).toBe('invited');
  });

  it('records a decline once: not offered again, counted, and a booked invitation stays booked', async () => {
    expect(await ingest([declineItem('unsigned', 'd1', 1, ROSSI_FLU), declineItem('unsigned', 'd2', 2, ROSSI_FLU)])).toEqual([
      { key: 'd1', status: 'stored' },
      { key: 'd2', status: 'stored' },
    ]);
    expect((await invitationsOf(ROSSI)).map((i) => i.invitationId)).toEqual([ROSSI_SCREENING]);
    expect(await ingest([declineItem('unsigned', 'd3', 3, ROSSI_SCREENING, VERDI), declineItem('unsigned', 'd4', 4, 'NOPE')])).toEqual([
      { key: 'd3', status: 'conflict', reason: 'PAYLOAD_INVALID' },
      { key: 'd4', status: 'conflict', reason: 'INVITATION_UNKNOWN' },
    ]);
    const held = (await hold(ROSSI_SCREENING, (await search(ROSSI_SCREENING)).slots[0]!.slotId)).json() as SlotHoldResponse;
    await ingest([campaignBookingItem('unsigned', 'b1', 5, ROSSI_SCREENING, held)]);
    expect(await ingest([declineItem('unsigned', 'd5', 6, ROSSI_SCREENING)])).toEqual([{ key: 'd5', status: 'conflict', reason: 'INVITATION_NOT_OPEN' }]);
    expect(await counts()).toEqual([
      ['SCR-CCR', 1, 1, 0],
      ['VAC-FLU', 2, 0, 1],
    ]);
  });

  it('hides the admin listing without the token, and publishes the routes in the OpenAPI document', async () => {
    expect((await get('/v1/admin/campaigns')).statusCode).toBe(401);
    const doc = (await get('/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/citizens/{taxCode}/invitations', '/v1/invitations/{invitationId}/slots', '/v1/admin/campaigns']));
  });
});
