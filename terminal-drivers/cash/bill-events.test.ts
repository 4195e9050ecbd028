import { describe, expect, it } from 'vitest';
import { BillStatus, classifyBillStatus } from './bill-events.ts';

describe('bill status codes', () => {
  it.each([
    [BillStatus.RETURNED_FROM_ESCROW, { event: 'returned' }],
    [BillStatus.MASTER_INHIBIT_ACTIVE, { event: 'rejected', reason: 'master-inhibit' }],
    [BillStatus.INVALID_VALIDATION, { event: 'rejected', reason: 'invalid' }],
    [BillStatus.INVALID_TRANSPORT, { event: 'rejected', reason: 'invalid' }],
    [BillStatus.INHIBITED_SERIAL, { event: 'rejected', reason: 'inhibited' }],
    [BillStatus.INHIBITED_SWITCHES, { event: 'rejected', reason: 'inhibited' }],
    [BillStatus.JAM_TRANSPORT_UNSAFE, { event: 'fault', kind: 'jam' }],
    [BillStatus.JAM_STACKER, { event: 'fault', kind: 'jam' }],
    [BillStatus.JAM_TRANSPORT_SAFE, { event: 'fault', kind: 'jam' }],
    [BillStatus.PULLED_BACK, { event: 'fault', kind: 'fraud' }],
    [BillStatus.STRING_FRAUD, { event: 'fault', kind: 'fraud' }],
    [BillStatus.OPTO_FRAUD, { event: 'fault', kind: 'fraud' }],
    [BillStatus.TAMPER, { event: 'fault', kind: 'tamper' }],
    [BillStatus.STACKER_OK, { event: 'stacker', state: 'ok' }],
    [BillStatus.STACKER_REMOVED, { event: 'stacker', state: 'removed' }],
    [BillStatus.STACKER_INSERTED, { event: 'stacker', state: 'inserted' }],
    [BillStatus.STACKER_FULL, { event: 'stacker', state: 'full' }],
    [BillStatus.STACKER_JAMMED, { event: 'stacker', state: 'jammed' }],
    [BillStatus.ANTI_STRING_FAULTY, { event: 'fault', kind: 'other' }],
    [200, { event: 'fault', kind: 'other' }],
  ])('code %i', (code, kind) => {
    expect(classifyBillStatus(code)).toEqual(kind);
  });
});
