import { describe, expect, it } from 'vitest';
import type { WaitingListEntry } from '@cup-kiosk/sync-service/protocol';
import { waitingListTable } from './central-waiting-list.ts';

const entry: WaitingListEntry = {
  requestId: 'wl-1',
  terminalId: 'kiosk-1',
  taxCode: 'RSSMRA85T10A562S',
  nre: '0701B2000417442',
  serviceCode: '89.13',
  priority: 'U',
  phone: '+393331234567',
  deadline: '2026-06-04T06:00:00.000Z',
  requestedAt: '2026-06-01T06:04:00.000Z',
  status: 'waiting',
  receivedAt: '2026-06-01T06:05:00.000Z',
};

describe('cupk central waiting-list output', () => {
  it('lines the columns up, and says so when nobody waits', () => {
    expect(waitingListTable([entry, { ...entry, nre: '0701B2000417411', serviceCode: '89.7A.3', priority: 'B', status: 'booked' }]).split('\n')).toEqual([
      'REQUESTED                 STATUS   PRIORITY  NRE              SERVICE  TAX CODE          PHONE          DEADLINE',
      '2026-06-01T06:04:00.000Z  waiting  U         0701B2000417442  89.13    RSSMRA85T10A562S  +393331234567  2026-06-04T06:00:00.000Z',
      '2026-06-01T06:04:00.000Z  booked   B         0701B2000417411  89.7A.3  RSSMRA85T10A562S  +393331234567  2026-06-04T06:00:00.000Z',
    ]);
    expect(waitingListTable([])).toBe('nobody is waiting to be called back');
  });
});
