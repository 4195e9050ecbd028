import type { Campaign, Invitation, InvitationStatus } from '../domain/campaigns.ts';
import type { CampaignSummary } from '../protocol/index.ts';
import type { InvitationChange, InvitationState } from './campaign-store.ts';

/**
 * The campaign statements both stores run, with `?` placeholders (numbered for PostgreSQL by
 * its store), and the mapping of their rows.
 */

export interface InvitationRow {
  invitation_id: string;
  campaign_code: string;
  tax_code: string;
  invited_on: string;
  status: InvitationStatus;
  booking_code: string | null;
  /** TEXT on SQLite, JSONB (parsed by the driver) on PostgreSQL. */
  campaign: string | Campaign;
}

export interface SummaryRow {
  data: string | Campaign;
  /** COUNT and SUM: numbers on SQLite, text on PostgreSQL. */
  invited: number | string;
  booked: number | string | null;
  declined: number | string | null;
}

export const INSERT_CAMPAIGN = 'INSERT INTO campaigns (code, data) VALUES (?, ?) ON CONFLICT DO NOTHING';
export const INSERT_INVITATION = 'INSERT INTO invitations (invitation_id, campaign_code, tax_code, invited_on) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';
const SELECT_INVITATIONS = 'SELECT i.*, c.data AS campaign FROM invitations i JOIN campaigns c ON c.code = i.campaign_code';
export const INVITATIONS_OF = `${SELECT_INVITATIONS} WHERE i.tax_code = ? ORDER BY i.invited_on, i.invitation_id`;
export const INVITATION_BY_ID = `${SELECT_INVITATIONS} WHERE i.invitation_id = ?`;
export const invitationsByIds = (marks: string) => `${SELECT_INVITATIONS} WHERE i.invitation_id IN (${marks})`;
export const SET_INVITATION = 'UPDATE invitations SET status = ?, booking_code = ?, changed_at = ?, transaction_key = ? WHERE invitation_id = ?';
export const SUMMARIES = `
  SELECT c.code, c.data, COUNT(i.invitation_id) AS invited,
         SUM(CASE WHEN i.status = 'booked' THEN 1 ELSE 0 END) AS booked,
         SUM(CASE WHEN i.status = 'declined' THEN 1 ELSE 0 END) AS declined
  FROM campaigns c LEFT JOIN invitations i ON i.campaign_code = c.code
  GROUP BY c.code, c.data ORDER BY c.code`;

const parsed = <T>(v: string | T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

export const campaignValues = (c: Campaign) => [c.code, JSON.stringify(c)];
export const invitationValues = (i: Invitation) => [i.invitationId, i.campaignCode, i.taxCode, i.invitedOn];
export const changeValues = (c: InvitationChange) => [c.status, c.bookingCode, c.at, c.transactionKey, c.invitationId];

export const toInvitationState = (r: InvitationRow): InvitationState => ({
  invitationId: r.invitation_id,
  campaignCode: r.campaign_code,
  taxCode: r.tax_code,
  invitedOn: r.invited_on,
  status: r.status,
  bookingCode: r.booking_code,
  campaign: parsed(r.campaign),
});

export function toSummary(r: SummaryRow): CampaignSummary {
  const c = parsed(r.data);
  return { code: c.code, name: c.name, kind: c.kind, service: c.service, validFrom: c.validFrom, validTo: c.validTo, invited: Number(r.invited), booked: Number(r.booked ?? 0), declined: Number(r.declined ?? 0) };
}

/** What the campaign statements need of a connection or transaction, on either store. */
export interface CampaignDb {
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** Answers the rows changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /** `IN (...)` placeholders for `n` values. */
  marks(n: number): string;
  /** What ingest adds to lock the invitations it reads ('' where transactions never overlap). */
  lock: string;
}

/** The campaign store and its ingest statements over either database. */
export class CampaignRows {
  constructor(private readonly db: CampaignDb) {}

  async addCampaigns(campaigns: readonly Campaign[]): Promise<number> {
    let added = 0;
    for (const c of campaigns) added += await this.db.run(INSERT_CAMPAIGN, campaignValues(c));
    return added;
  }

  async addInvitations(invitations: readonly Invitation[]): Promise<number> {
    let added = 0;
    for (const i of invitations) added += await this.db.run(INSERT_INVITATION, invitationValues(i));
    return added;
  }

  async invitationsOf(taxCode: string): Promise<InvitationState[]> {
    return (await this.db.all<InvitationRow>(INVITATIONS_OF, [taxCode])).map(toInvitationState);
  }

  async getInvitation(invitationId: string): Promise<InvitationState | undefined> {
    const [row] = await this.db.all<InvitationRow>(INVITATION_BY_ID, [invitationId]);
    return row && toInvitationState(row);
  }

  async summaries(): Promise<CampaignSummary[]> {
    return (await this.db.all<SummaryRow>(SUMMARIES, [])).map(toSummary);
  }

  async invitations(ids: readonly string[]): Promise<Map<string, InvitationState>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.all<InvitationRow>(`${invitationsByIds(this.db.marks(ids.length))} ORDER BY i.invitation_id${this.db.lock}`, ids);
    return new Map(rows.map((r) => [r.invitation_id, toInvitationState(r)]));
  }

  async setInvitations(changes: readonly InvitationChange[]): Promise<void> {
    for (const c of changes) await this.db.run(SET_INVITATION, changeValues(c));
  }
}
