import { SnapshotResponseSchema, type SnapshotKind, type SnapshotResponse } from '../protocol/index.ts';
import { rejected } from './http.ts';
import { read, type CentralCall } from './notice-calls.ts';

/**
 * GET /v1/snapshots/:kind?since=N&epoch=E, signed like every terminal request. The epoch goes
 * only with a version: alone it asks for nothing a bare request does not. A large answer comes
 * gzipped: fetch asks for it (Accept-Encoding: gzip, deflate) and decodes it.
 */
export async function fetchSnapshot(call: CentralCall, kind: SnapshotKind, since?: number, epoch?: string): Promise<SnapshotResponse> {
  const params = new URLSearchParams();
  if (since !== undefined) {
    params.set('since', String(Math.max(0, Math.floor(since))));
    if (epoch !== undefined) params.set('epoch', epoch);
  }
  const query = params.size === 0 ? '' : `?${params.toString()}`;
  const answer = await call('GET', `/v1/snapshots/${kind}${query}`);
  if (answer.status !== 200) throw rejected(answer, `the ${kind} snapshot`);
  return read(SnapshotResponseSchema, answer, `${kind} snapshot`);
}
