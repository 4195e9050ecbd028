/**
 * `cupk central campaigns`: the campaigns (screening, vaccination) the central holds, with their
 * invitations counted: sent, booked, declined. Uses the central's administrator token.
 */
import { campaigns } from '@cup-kiosk/sync-service/client';
import type { CampaignSummary } from '@cup-kiosk/sync-service/protocol';
import type { Command } from '../command.ts';
import { textTable } from '../text-table.ts';
import { adminConnection } from './notices.ts';

export function campaignTable(list: readonly CampaignSummary[]): string {
  if (list.length === 0) return 'no campaigns';
  const rows = [['CODE', 'KIND', 'FROM', 'TO', 'INVITED', 'BOOKED', 'DECLINED', 'NAME'], ...list.map((c) => [c.code, c.kind, c.validFrom, c.validTo, String(c.invited), String(c.booked), String(c.declined), c.name])];
  return textTable(rows);
}

export const centralCampaigns: Command = {
  path: ['central', 'campaigns'],
  usage: 'cupk central campaigns --central URL --token T [--json]',
  summary: 'the campaigns with their invitations: sent, booked, declined',
  options: { central: { type: 'string' }, token: { type: 'string' } },
  // ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE come from the client as they are.
  run: async (_p, values) => ({ campaigns: await campaigns(adminConnection(values)) }),
  human: (r) => campaignTable((r as { campaigns: CampaignSummary[] }).campaigns),
};
