import type { CitizenNews } from '../bridge/campaign-api.ts';

/** What the session keeps of what the citizen was told at identification. */
export interface CampaignFlow {
  /** Their open invitations and unread conflicts; null until asked (or when it could not be). */
  news: CitizenNews | null;
  /** The invitation being declined or the conflict being acknowledged, while the host records it. */
  answering: string | null;
}

export const NO_NEWS: CampaignFlow = { news: null, answering: null };

/** The news without the invitation or conflict just answered (or booked). */
export function withoutItem(news: CitizenNews | null, id: string | null): CitizenNews | null {
  if (!news || id === null) return news;
  return { invitations: news.invitations.filter((i) => i.invitationId !== id), conflicts: news.conflicts.filter((c) => c.key !== id) };
}
