import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CampaignListResponse, InvitationSlotSearchResponse, SlotHoldResponse } from '@cup-kiosk/sync-service/protocol';
import { openTerminalDb } from '../../kiosk/host/terminal-db.ts';
import { axeViolations } from './accessibility.ts';
import { shoot } from './browser.ts';
import type { RunningKiosk } from './kiosk-process.ts';
import { useKiosk, type KioskHands } from './kiosk-rig.ts';
import { openKiosk } from './kiosk-page.ts';

// Campaigns end to end; the citizen identifies by the barcode of the card's codice fiscale. A
// flu vaccination booking of Mario Rossi's made at this kiosk is refused by the central (its slot was taken by Giuseppe Verdi's booking first): when Mario identifies he
// is told so in plain words, beside his invitations, and acknowledges it. He then books the
// colorectal screening on the booking screens with nothing to pay, the slip prints, the central
// counts it booked; he declines the flu vaccination, and the central counts that too.

const MARIO = 'RSSMRA85T10A562S';
const VERDI = 'VRDGPP50H22D96VF';
const SCREENING = `SCR-CCR-${MARIO}`;
const MARIO_FLU = `VAC-FLU-${MARIO}`;
const VERDI_FLU = `VAC-FLU-${VERDI}`;
const ADMIN = 'e2e-campaigns-admin-token';

let kiosk: RunningKiosk;
let page: Page;
let k: KioskHands;
useKiosk('E2E-CAMPAIGNS', { CUPK_ADMIN_TOKEN: ADMIN }, (r) => ({ kiosk, page, k } = r));

const campaigns = async () => {
  const r = await fetch(`${kiosk.centralUrl}/v1/admin/campaigns`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await r.json()) as CampaignListResponse).campaigns.map((c) => [c.code, c.invited, c.booked, c.declined]);
};
/** No axe violation on the screen shown now. */
const axeClean = async () => expect((await axeViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
const hold = (invitationId: string, taxCode: string, slotId: string) =>
  k.central<SlotHoldResponse>('POST', `/v1/invitations/${invitationId}/slots/${encodeURIComponent(slotId)}/hold`, { taxCode });

describe('campaigns at the kiosk', () => {
  it('tells Mario Rossi of his booking the central refused, until he acknowledges it', async () => {
    // The slot held for Mario, given back, then held for Verdi: both bookings leave this
    // kiosk's outbox, Verdi's first, and the central refuses Mario's (SLOT_TAKEN).
    await openKiosk(page, kiosk.url);
    const slotId = (await k.central<InvitationSlotSearchResponse>('POST', `/v1/invitations/${MARIO_FLU}/slots`, { taxCode: MARIO })).slots[0]!.slotId;
    const mario = await hold(MARIO_FLU, MARIO, slotId);
    await k.central('POST', `/v1/holds/${encodeURIComponent(mario.holdId)}/release`);
    const verdi = await hold(VERDI_FLU, VERDI, slotId);
    const tdb = await openTerminalDb(join(kiosk.dataDir, 'terminal.sqlite'), kiosk.terminalId);
    const bookedAt = new Date().toISOString();
    await tdb.campaigns.recordBooking({ terminalId: kiosk.terminalId, holdId: verdi.holdId, slotId, invitationId: VERDI_FLU, booking: verdi.booking, bookedAt });
    await tdb.campaigns.recordBooking({ terminalId: kiosk.terminalId, holdId: mario.holdId, slotId, invitationId: MARIO_FLU, booking: mario.booking, bookedAt });
    await expect.poll(async () => (await tdb.outbox.conflicts()).map((c) => c.conflictReason), { timeout: 20_000 }).toEqual(['SLOT_TAKEN']);
    await tdb.db.close();

    await k.dev('scan', { text: MARIO });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await expect.poll(() => page.locator('[data-reason="SLOT_TAKEN"]').count(), { timeout: 10_000 }).toBe(1);
    const told = (await k.text('[data-reason="SLOT_TAKEN"] p'))!;
    expect(told).toContain('Vaccinazione antinfluenzale');
    expect(told).toContain('800 098 543');
    // Not booked after all: the flu invitation is offered again, with the screening.
    expect(await page.locator('[data-invitation]').evaluateAll((els) => els.map((e) => e.getAttribute('data-invitation')))).toEqual([MARIO_FLU, SCREENING]);
    await axeClean();
    await shoot(page, 'campaign-01-menu-conflict-invitations');

    await page.locator('language-picker button[data-language="ar"]').click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await axeClean();
    await shoot(page, 'campaign-ar-01-menu');
    await page.locator('language-picker button[data-language="it"]').click();

    await k.click('acknowledge');
    await expect.poll(() => page.locator('[data-reason]').count()).toBe(0);
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
    // Read: not told again (the desk's list keeps it).
    await k.dev('scan', { text: MARIO });
    await expect.poll(() => page.locator('[data-invitation]').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('[data-reason]').count()).toBe(0);
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });

  it('books the screening with nothing to pay, prints the slip, and the central counts it booked; a decline is counted too', async () => {
    await k.dev('scan', { text: MARIO });
    await expect.poll(k.state, { timeout: 10_000 }).toBe('menu');
    await expect.poll(() => page.locator(`[data-invitation="${SCREENING}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(await k.text(`[data-invitation="${SCREENING}"] h2`)).toContain('Screening del tumore del colon-retto');
    await shoot(page, 'campaign-02-menu-invitations');

    await page.locator(`[data-invitation="${SCREENING}"] [data-action="book-invitation"]`).click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('choosingSlot');
    expect(await page.locator('[data-action="waiting-list"]').count()).toBe(0);
    await axeClean();
    await shoot(page, 'campaign-03-slots');

    await page.locator('[data-slot]').first().click();
    await expect.poll(k.state, { timeout: 10_000 }).toBe('holding');
    await expect.poll(() => k.text('[data-testid="countdown"]')).toMatch(/^(9|10):\d\d$/);
    // Campaigns carry no ticket: nothing is due, and confirming does not pay.
    await expect.poll(() => k.text('[data-testid="amount-due"]')).toMatch(/^0,00\u00a0€$/);
    await axeClean();
    await shoot(page, 'campaign-04-hold');

    await k.click('confirm-now');
    await expect.poll(k.state, { timeout: 15_000 }).toBe('booked');
    // Nothing to pay: no payment step is offered.
    expect(await page.locator('[data-action="pay-now"]').count()).toBe(0);
    const slip = (await k.devState()).receipts.at(-1)?.text ?? '';
    expect(slip).toContain('PROMEMORIA PRENOTAZIONE');
    expect(slip).toContain(MARIO);
    await axeClean();
    await shoot(page, 'campaign-05-booked');

    await k.click('menu');
    await expect.poll(k.state).toBe('menu');
    expect(await page.locator(`[data-invitation="${SCREENING}"]`).count()).toBe(0);
    await expect.poll(campaigns, { timeout: 15_000 }).toEqual([
      ['SCR-CCR', 1, 1, 0],
      ['VAC-FLU', 2, 1, 0],
    ]);

    // "Not interested": recorded here and at the central; not offered again.
    await page.locator(`[data-invitation="${MARIO_FLU}"] [data-action="decline"]`).click();
    await expect.poll(() => page.locator('[data-invitation]').count()).toBe(0);
    await expect.poll(campaigns, { timeout: 15_000 }).toEqual([
      ['SCR-CCR', 1, 1, 0],
      ['VAC-FLU', 2, 1, 1],
    ]);
    await k.click('finish');
    await expect.poll(k.state).toBe('idle');
  });
});
