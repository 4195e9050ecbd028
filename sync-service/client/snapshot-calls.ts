import { SnapshotResponseSchema, type SnapshotKind, type SnapshotResponse } from '../protocol/index.ts';
import { rejected } from './http.ts';
import { read, type CentralCall } from './notice-calls.ts';

/** GET /v1/snapshots/:kind?since=N, signed like every terminal request. */
export async function fetchSnapshot(call: CentralCall, kind: SnapshotKind, since?: number): Promise<SnapshotResponse> {
  const query = since === undefined ? '' : `?since=${Math.max(0, Math.floor(since))}`;
  const answer = await call('GET', `/v1/snapshots/${kind}${query}`);
  if (answer.status !== 200) throw rejected(answer, `the ${kind} snapshot`);
  return read(SnapshotResponseSchema, answer, `${kind} snapshot`);
}
