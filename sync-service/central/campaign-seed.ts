import { demoCampaignAgenda, demoCampaigns, demoInvitations } from '../domain/demo/campaigns.ts';
import type { IsoDate } from '../domain/types.ts';
import type { CentralStore } from './store.ts';

/**
 * The demo campaigns, their letters and their agendas from `today` for `days` days: missing rows
 * only, like the demo prescriptions, so a restart keeps what citizens booked or declined.
 */
export async function seedDemoCampaigns(store: CentralStore, today: IsoDate, days: number): Promise<void> {
  await store.campaigns.addCampaigns(demoCampaigns(today));
  await store.campaigns.addInvitations(demoInvitations(today));
  await store.addSlots(demoCampaignAgenda(today, days));
}
