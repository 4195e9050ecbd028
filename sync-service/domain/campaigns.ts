import type { AgendaSlot } from './agenda.ts';
import { romeWallTimeToInstant } from './rome-time.ts';
import type { Booking, IsoDate } from './types.ts';

/** A public-health campaign that invites citizens to book: a screening or a vaccination. */
export type CampaignKind = 'screening' | 'vaccination';

export interface Campaign {
  /** Short stable code, e.g. `SCR-CCR-2026`. */
  code: string;
  /** Italian name, as the slip and the desk show it. */
  name: string;
  kind: CampaignKind;
  /** The agenda service an invitation books; campaigns carry no ticket. */
  service: { code: string; description: string };
  /** Europe/Rome dates: a slot may be booked from `validFrom` to `validTo`, both included. */
  validFrom: IsoDate;
  validTo: IsoDate;
}

/** `invited` until the citizen books (`booked`, with its booking code) or says no (`declined`). */
export type InvitationStatus = 'invited' | 'booked' | 'declined';

export interface Invitation {
  /** Stable id of the letter, e.g. `SCR-CCR-2026-RSSMRA85T10A562S`. */
  invitationId: string;
  campaignCode: string;
  taxCode: string;
  /** Europe/Rome date the letter was sent. */
  invitedOn: IsoDate;
}

/**
 * What a hold and a booked slot are keyed on for an invitation, in the same column as a
 * prescription's NRE: an NRE is 15 letters and digits, so the prefix keeps the two apart.
 */
export const invitationHoldKey = (invitationId: string): string => `inv:${invitationId}`;

/** The window a campaign's slots may start in, from `now` (later of the two starts) to the end of its last day in Rome. */
export function campaignWindow(c: Pick<Campaign, 'validFrom' | 'validTo'>, now: Date): { from: Date; to: Date } {
  const opens = romeWallTimeToInstant(`${c.validFrom}T00:00`);
  const closes = new Date(romeWallTimeToInstant(`${c.validTo}T23:59`).getTime() + 59_999);
  return { from: opens > now ? opens : now, to: closes };
}

/** The booking an invitation makes of a slot: the campaign's service at no charge, no prescription. */
export function campaignBooking(invitation: Pick<Invitation, 'taxCode'>, campaign: Pick<Campaign, 'service'>, slot: AgendaSlot, code: string): Booking {
  return {
    code,
    taxCode: invitation.taxCode,
    provider: { ...slot.provider },
    place: { ...slot.place },
    startsAt: slot.startsAt,
    // Campaigns are free to the citizen: the service is booked with no tariff, so no ticket is quoted.
    prescriptions: [{ services: [{ code: campaign.service.code, description: campaign.service.description, tariffCents: 0 }] }],
    exemptions: [],
    status: 'booked',
    intramoenia: false,
  };
}
