import { describe, expect, it } from 'vitest';
import { CupError } from '@cup-kiosk/sync-service/domain';
import { NoticeDesk, noticeCodeIn, payableNotice } from './notices.ts';
import type { CentralPort, NoticeView } from './ports.ts';

const NOTICE: NoticeView = {
  noticeCode: '301000000000004285',
  creditorFiscalCode: '02060250996',
  creditorName: 'Ospedale San Martino',
  subject: 'Ticket non pagato',
  bookingCode: '070000000434',
  taxCode: 'RSSMRA85T10A562S',
  amountCents: 2453,
  dueDate: '2026-12-31',
  status: 'payable',
  lockedUntil: null,
};
const OTHER: NoticeView = { ...NOTICE, noticeCode: '301000000000004386', bookingCode: '070000000531' };

/** A central holding notices in memory, with the lock rules of the real one: one payment at a time. */
function central(notices: NoticeView[], offline = false) {
  const byCode = new Map(notices.map((n) => [n.noticeCode, { ...n, holder: null as string | null }]));
  const log: string[] = [];
  const find = (code: string) => {
    if (offline) throw new CupError('CENTRAL_UNREACHABLE', 'no route to the central');
    const n = byCode.get(code);
    if (!n) throw new CupError('NOTICE_UNKNOWN', `no notice ${code}`);
    return n;
  };
  const port: CentralPort = {
    lookupBooking: async () => {
      throw new Error('not here');
    },
    kick: () => {},
    verifyNotice: async (code) => ({ ...find(code) }),
    async lockNotice(code, paymentId) {
      const n = find(code);
      if (n.holder && n.holder !== paymentId) throw new CupError('NOTICE_LOCKED', `notice ${code} is being paid elsewhere`);
      n.holder = paymentId;
      log.push(`lock ${code}`);
      return { lockedUntil: '2026-12-01T10:15:00Z' };
    },
    async releaseNotice(code, paymentId) {
      const n = find(code);
      if (n.holder === paymentId) n.holder = null;
      log.push(`release ${code}`);
    },
    unpaidTickets: async () => (offline ? Promise.reject(new CupError('CENTRAL_UNREACHABLE', 'down')) : { bookings: [], notices }),
  };
  return { port, log, holderOf: (code: string) => byCode.get(code)?.holder ?? null };
}

describe('notice codes', () => {
  it('reads the 18 digits typed with spaces, or the QR text', () => {
    expect(noticeCodeIn('3010 0000 0000 0042 85')).toBe('301000000000004285');
    expect(noticeCodeIn('PAGOPA|002|301000000000004285|02060250996|2453')).toBe('301000000000004285');
  });

  it('refuses anything else as BAD_NOTICE, saying what it is', () => {
    expect(() => noticeCodeIn('301000000000004286')).toThrow(expect.objectContaining({ code: 'BAD_NOTICE', message: expect.stringContaining('check') }));
    expect(() => noticeCodeIn('1234 5678 9092')).toThrow(expect.objectContaining({ code: 'BAD_NOTICE', message: expect.stringContaining('booking') }));
    expect(() => noticeCodeIn('PAGOPA|002|3010|x|1')).toThrow(expect.objectContaining({ code: 'BAD_NOTICE' }));
  });

  it('shows the cash amount rounded, and a notice paid here as paid', () => {
    expect(payableNotice(NOTICE, false)).toMatchObject({ amountDueCents: 2453, cashDueCents: 2455, status: 'payable' });
    expect(payableNotice(NOTICE, true).status).toBe('paid');
  });
});

describe('notices at the central', () => {
  it('locks every notice of a payment, and releases them', async () => {
    const c = central([NOTICE, OTHER]);
    const desk = new NoticeDesk(c.port);
    const locked = await desk.lockAll([NOTICE.noticeCode, OTHER.noticeCode], 'pay-1');
    expect(locked.map((n) => n.lockedUntil)).toEqual(['2026-12-01T10:15:00Z', '2026-12-01T10:15:00Z']);
    expect(c.holderOf(NOTICE.noticeCode)).toBe('pay-1');
    await desk.releaseAll([NOTICE.noticeCode, OTHER.noticeCode], 'pay-1');
    expect([c.holderOf(NOTICE.noticeCode), c.holderOf(OTHER.noticeCode)]).toEqual([null, null]);
  });

  it('a notice locked by another payment refuses the whole payment and lets go of the locks taken', async () => {
    const c = central([NOTICE, OTHER]);
    const desk = new NoticeDesk(c.port);
    await desk.lockAll([OTHER.noticeCode], 'elsewhere');
    await expect(desk.lockAll([NOTICE.noticeCode, OTHER.noticeCode], 'pay-2')).rejects.toMatchObject({ code: 'NOTICE_LOCKED' });
    expect(c.holderOf(NOTICE.noticeCode)).toBeNull();
    expect(c.holderOf(OTHER.noticeCode)).toBe('elsewhere');
  });

  it('refuses a paid or cancelled notice before locking anything', async () => {
    for (const [status, code] of [['paid', 'NOTICE_PAID'], ['cancelled', 'NOTICE_CANCELLED']] as const) {
      const c = central([NOTICE, { ...OTHER, status }]);
      await expect(new NoticeDesk(c.port).lockAll([NOTICE.noticeCode, OTHER.noticeCode], 'p')).rejects.toMatchObject({ code });
      expect(c.log).toEqual([]);
    }
  });

  it('offline, or at a central without notices, a notice is not payable and the kiosk says why', async () => {
    const off = new NoticeDesk(central([NOTICE], true).port);
    for (const p of [off.verify(NOTICE.noticeCode), off.lockAll([NOTICE.noticeCode], 'p'), off.unpaid('RSSMRA85T10A562S')]) {
      await expect(p).rejects.toMatchObject({ code: 'NOTICE_OFFLINE', message: expect.stringContaining("a booking's ticket is payable offline") });
    }
    const bare = new NoticeDesk({ lookupBooking: async () => ({}) as never, kick: () => {} });
    await expect(bare.verify(NOTICE.noticeCode)).rejects.toMatchObject({ code: 'NOTICE_OFFLINE' });
  });

  it("passes the central's own refusals on", async () => {
    await expect(new NoticeDesk(central([]).port).verify(NOTICE.noticeCode)).rejects.toMatchObject({ code: 'NOTICE_UNKNOWN' });
  });
});
