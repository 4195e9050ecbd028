import { describe, expect, it } from 'vitest';
import { classifyCoinError, formatBillId, formatCoinId, Header, isRetrySafe, parseBillId, parseCoinId } from './headers.ts';

describe('ccTalk headers', () => {
  it('names the header numbers of the specification', () => {
    expect(Header).toMatchObject({
      SIMPLE_POLL: 254, REQUEST_EQUIPMENT_CATEGORY: 245, REQUEST_MANUFACTURER_ID: 246, REQUEST_PRODUCT_CODE: 244,
      REQUEST_SERIAL_NUMBER: 242, MODIFY_INHIBIT_STATUS: 231, MODIFY_MASTER_INHIBIT: 228, REQUEST_COIN_ID: 184,
      REQUEST_BILL_ID: 157, READ_BUFFERED_CREDIT: 229, READ_BUFFERED_BILL_EVENTS: 159, ROUTE_BILL: 154,
      ENABLE_HOPPER: 164, DISPENSE_HOPPER_COINS: 167, REQUEST_HOPPER_STATUS: 166, TEST_HOPPER: 163, RESET_DEVICE: 1,
      REPLY: 0, NAK: 5, BUSY: 6,
    });
  });

  it('retries only requests that are safe to repeat', () => {
    expect(isRetrySafe(Header.READ_BUFFERED_CREDIT)).toBe(true);
    expect(isRetrySafe(Header.SIMPLE_POLL)).toBe(true);
    expect(isRetrySafe(Header.DISPENSE_HOPPER_COINS)).toBe(false);
    expect(isRetrySafe(Header.ROUTE_BILL)).toBe(false);
    expect(isRetrySafe(Header.RESET_DEVICE)).toBe(false);
  });

  it('classifies coin error codes', () => {
    expect(classifyCoinError(1)).toBe('rejected');
    expect(classifyCoinError(2)).toBe('rejected');
    expect(classifyCoinError(130)).toBe('rejected');
    expect(classifyCoinError(14)).toBe('jam');
    expect(classifyCoinError(20)).toBe('fraud');
    expect(classifyCoinError(254)).toBe('other');
  });
});

describe('coin and bill ids', () => {
  it('parses euro coin ids in cents', () => {
    expect(parseCoinId('EU200A')).toEqual({ country: 'EU', valueCents: 200, issue: 'A' });
    expect(parseCoinId('EU005A')?.valueCents).toBe(5);
    expect(parseCoinId('EU050B')).toEqual({ country: 'EU', valueCents: 50, issue: 'B' });
    expect(parseCoinId('GB2K0A')?.valueCents).toBe(2000);
  });

  it('parses euro bill ids in whole euros', () => {
    expect(parseBillId('EU0010A')).toEqual({ country: 'EU', valueCents: 1000, issue: 'A' });
    expect(parseBillId('EU0500A')?.valueCents).toBe(50000);
  });

  it('treats empty slots as null and junk as a typed error', () => {
    expect(parseCoinId('......')).toBeNull();
    expect(parseCoinId('      ')).toBeNull();
    expect(parseBillId('.......')).toBeNull();
    expect(() => parseCoinId('EU2X0A')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_ID' }));
    expect(() => parseCoinId('EU20A')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_ID' }));
    expect(() => parseBillId('EU10A')).toThrow(expect.objectContaining({ code: 'CCTALK_BAD_ID' }));
  });

  it('formats ids the way it parses them', () => {
    for (const v of [5, 10, 20, 50, 100, 200]) expect(parseCoinId(formatCoinId(v))?.valueCents).toBe(v);
    for (const v of [500, 1000, 2000, 5000]) expect(parseBillId(formatBillId(v))?.valueCents).toBe(v);
    expect(formatCoinId(5)).toBe('EU005A');
    expect(formatBillId(1000)).toBe('EU0010A');
  });
});
