import { HeartbeatAckSchema, type Heartbeat, type HeartbeatAck } from '../protocol/index.ts';
import { CentralError, rejected } from './http.ts';
import type { CentralCall } from './notice-calls.ts';

/** Sends a heartbeat once; never retried here: the next one replaces it. */
export async function sendHeartbeat(call: CentralCall, heartbeat: Heartbeat): Promise<HeartbeatAck> {
  const answer = await call('POST', '/v1/terminals/heartbeat', heartbeat);
  if (answer.status !== 200) throw rejected(answer, 'the heartbeat');
  const parsed = HeartbeatAckSchema.safeParse(answer.body);
  if (!parsed.success) throw new CentralError('CENTRAL_RESPONSE_INVALID', 'heartbeat answer does not match the protocol', { issues: parsed.error.message });
  return parsed.data;
}
