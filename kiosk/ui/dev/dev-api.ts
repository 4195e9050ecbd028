/** The developer panel's view of the simulators, as the host's `/dev/api` reports it. */
export interface SimState {
  cards: { id: string; label: string }[];
  insertedCard: string | null;
  coins: number[];
  bills: number[];
  hoppers: { address: number; valueCents: number; count: number }[];
  receipts: { at: string; text: string; svg?: string }[];
  printer: { paper: string; coverOpen: boolean; offline: boolean };
  truth: {
    coins: { acceptedCents: number; accepted: unknown[] };
    bills: { stackedCents: number; stacked: number[]; returned: number; lost: number; escrowCents: number | null };
    hoppers: { address: number; valueCents: number; stock: number; totalPaid: number }[];
    printed: number;
  };
}

export async function getState(): Promise<SimState> {
  const r = await fetch('./dev/api/state');
  return (await r.json()) as SimState;
}

export async function post(path: string, body: unknown = {}): Promise<void> {
  const r = await fetch(`./dev/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}
