import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from './catalogue/demo-catalogue.ts';
import { QuoteError, type QuoteRequest, parseQuoteRequest, quoteTicket } from './quote.ts';
import { DEMO_RULE_SETS } from './rules/demo-rules.ts';

type Svc = [code: string, tariffCents: number];

function request(date: string, prescriptions: Svc[][], extra: Partial<QuoteRequest> = {}): QuoteRequest {
  return { date, incomeBand: null, exemptions: [], prescriptions: prescriptions.map((p) => ({ services: p.map(([code, tariffCents]) => ({ code, tariffCents })) })), ...extra };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
    return 'OK';
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    return e.code;
  }
}

const VISIT: Svc = ['89.7', 2066];
const ULTRASOUND: Svc = ['88.76.1', 7590];

describe('each demo version and its boundaries', () => {
  it.each([
    ['2011-01-01', 'demo-1', 2066, 0],
    ['2011-07-17', 'demo-1', 2066, 0],
    ['2011-07-18', 'demo-2', 2066, 1000],
    ['2011-09-28', 'demo-2', 2066, 1000],
    ['2011-09-29', 'demo-3', 2066, 1500], // no declared band means band 4
    ['2020-08-31', 'demo-3', 2066, 1500],
    ['2020-09-01', 'demo-4', 2066, 0],
    ['2027-01-19', 'demo-4', 2066, 0],
  ])('on %s the %s rules give %i + %i', (date, version, copay, quota) => {
    const q = quoteTicket(request(date, [[VISIT]]), DEMO_RULE_SETS);
    expect(q).toEqual({ ruleVersion: version, totalCents: copay + quota, prescriptions: [{ tariffCents: 2066, copayCents: copay, quotaCents: quota, totalCents: copay + quota, exemptServices: [] }] });
  });

  it('refuses a date before every version', () => {
    expect(errorOf(() => quoteTicket(request('2010-12-31', [[VISIT]]), DEMO_RULE_SETS))).toBe('NO_RULES_IN_FORCE');
    expect(errorOf(() => quoteTicket(request('2026-01-01', [[VISIT]]), []))).toBe('NO_RULES_IN_FORCE');
  });
});

describe('income bands (demo-3)', () => {
  it.each([
    [1, 0],
    [2, 500],
    [3, 1000],
    [4, 1500],
    [null, 1500],
  ] as const)('band %s pays a quota of %i', (incomeBand, quota) => {
    const q = quoteTicket(request('2015-03-02', [[VISIT]], { incomeBand }), DEMO_RULE_SETS);
    expect(q.prescriptions[0]?.quotaCents).toBe(quota);
    expect(q.totalCents).toBe(2066 + quota);
  });

  it('ignores the band under versions without bands', () => {
    for (const date of ['2011-03-01', '2011-08-01', '2024-03-01']) {
      const a = quoteTicket(request(date, [[VISIT]], { incomeBand: 1 }), DEMO_RULE_SETS);
      const b = quoteTicket(request(date, [[VISIT]], { incomeBand: 4 }), DEMO_RULE_SETS);
      expect(a).toEqual(b);
    }
  });
});

describe('cap and sums', () => {
  it('charges tariffs up to 3615 per prescription', () => {
    expect(quoteTicket(request('2024-01-10', [[ULTRASOUND]]), DEMO_RULE_SETS).prescriptions[0]).toMatchObject({ tariffCents: 7590, copayCents: 3615, totalCents: 3615 });
    expect(quoteTicket(request('2024-01-10', [[['X', 3615]]]), DEMO_RULE_SETS).totalCents).toBe(3615);
    expect(quoteTicket(request('2024-01-10', [[['X', 3616]]]), DEMO_RULE_SETS).totalCents).toBe(3615);
    expect(quoteTicket(request('2024-01-10', [[['X', 0]]]), DEMO_RULE_SETS).totalCents).toBe(0);
  });
  it('adds the quota over the cap', () => {
    expect(quoteTicket(request('2011-08-01', [[ULTRASOUND]]), DEMO_RULE_SETS).totalCents).toBe(3615 + 1000);
  });
  it('caps and quotas each prescription separately', () => {
    const q = quoteTicket(request('2011-08-01', [[ULTRASOUND], [['89.7A.3', 2066], ['89.52', 1162]]]), DEMO_RULE_SETS);
    expect(q.prescriptions.map((p) => p.totalCents)).toEqual([4615, 4228]);
    expect(q.totalCents).toBe(8843);
  });
});

describe('exemptions', () => {
  it('E01-E04 exempt every service and so every quota', () => {
    for (const code of ['E01', 'E02', 'E03', 'E04']) {
      const q = quoteTicket(request('2011-08-01', [[ULTRASOUND, VISIT], [['90.28.1', 965]]], { exemptions: [code] }), DEMO_RULE_SETS);
      expect(q.totalCents).toBe(0);
      expect(q.prescriptions).toEqual([
        { tariffCents: 0, copayCents: 0, quotaCents: 0, totalCents: 0, exemptServices: ['88.76.1', '89.7'] },
        { tariffCents: 0, copayCents: 0, quotaCents: 0, totalCents: 0, exemptServices: ['90.28.1'] },
      ]);
    }
  });

  it('013 exempts only its services; the quota stays where one service is not exempt', () => {
    const q = quoteTicket(request('2011-08-01', [[['89.7A.8', 2066]], [['90.28.1', 965], ['90.42.1', 1170]], [['95.09.1', 775]], [['89.7A.3', 2066]]], { exemptions: ['013'] }), DEMO_RULE_SETS);
    expect(q.prescriptions).toEqual([
      { tariffCents: 0, copayCents: 0, quotaCents: 0, totalCents: 0, exemptServices: ['89.7A.8'] },
      { tariffCents: 1170, copayCents: 1170, quotaCents: 1000, totalCents: 2170, exemptServices: ['90.28.1'] },
      { tariffCents: 0, copayCents: 0, quotaCents: 0, totalCents: 0, exemptServices: ['95.09.1'] },
      { tariffCents: 2066, copayCents: 2066, quotaCents: 1000, totalCents: 3066, exemptServices: [] },
    ]);
    expect(q.totalCents).toBe(5236);
  });

  it('combines disease exemptions', () => {
    const q = quoteTicket(request('2024-01-10', [[['89.52', 1162], ['89.7A.3', 2066]]], { exemptions: ['013', '031'] }), DEMO_RULE_SETS);
    expect(q.prescriptions[0]).toMatchObject({ tariffCents: 2066, exemptServices: ['89.52'] });
  });

  it('refuses an exemption the rules do not know', () => {
    expect(errorOf(() => quoteTicket(request('2024-01-10', [[VISIT]], { exemptions: ['E99'] }), DEMO_RULE_SETS))).toBe('UNKNOWN_EXEMPTION');
  });
});

describe('what a prescription may hold', () => {
  const many = (n: number, code = '90.16.3', tariff = 113): Svc[] => Array.from({ length: n }, () => [code, tariff] as Svc);

  it('at most 8 services', () => {
    expect(quoteTicket(request('2024-01-10', [many(8)]), DEMO_RULE_SETS).totalCents).toBe(8 * 113);
    expect(errorOf(() => quoteTicket(request('2024-01-10', [many(9)]), DEMO_RULE_SETS))).toBe('TOO_MANY_SERVICES');
  });

  it('12 physiotherapy sessions when the catalogue tells the branch', () => {
    const options = { catalogue: DEMO_CATALOGUE };
    expect(quoteTicket(request('2024-01-10', [many(12, '93.11.4', 1050)]), DEMO_RULE_SETS, options).totalCents).toBe(3615);
    expect(errorOf(() => quoteTicket(request('2024-01-10', [many(13, '93.11.4', 1050)]), DEMO_RULE_SETS, options))).toBe('TOO_MANY_SERVICES');
    expect(errorOf(() => quoteTicket(request('2024-01-10', [many(12, '93.11.4', 1050)]), DEMO_RULE_SETS))).toBe('TOO_MANY_SERVICES');
  });

  it('one branch per prescription', () => {
    const mixed = request('2024-01-10', [[['89.7A.3', 2066], ['90.28.1', 965]]]);
    expect(errorOf(() => quoteTicket(mixed, DEMO_RULE_SETS, { catalogue: DEMO_CATALOGUE }))).toBe('BAD_REQUEST');
    try {
      quoteTicket(mixed, DEMO_RULE_SETS, { catalogue: DEMO_CATALOGUE });
    } catch (e) {
      expect((e as QuoteError).details).toMatchObject({ reason: 'MIXED_BRANCHES', prescription: 0 });
    }
    // Codes outside the catalogue have no known branch and do not count as a mix.
    expect(quoteTicket(request('2024-01-10', [[['89.7A.3', 2066], ['LOCAL.1', 500]]]), DEMO_RULE_SETS, { catalogue: DEMO_CATALOGUE }).totalCents).toBe(2566);
  });
});

describe('parseQuoteRequest', () => {
  it('reads the CLI request and fills what may be left out', () => {
    expect(parseQuoteRequest({ date: '2026-12-01', prescriptions: [{ services: [{ code: '89.7', tariffCents: 2066 }] }] })).toEqual(request('2026-12-01', [[VISIT]]));
  });

  it.each([
    ['not an object', 'nope'],
    ['no prescriptions', { date: '2026-12-01', incomeBand: null, exemptions: [], prescriptions: [] }],
    ['an empty prescription', { date: '2026-12-01', prescriptions: [{ services: [] }] }],
    ['a negative tariff', { date: '2026-12-01', prescriptions: [{ services: [{ code: '89.7', tariffCents: -1 }] }] }],
    ['a tariff in euro', { date: '2026-12-01', prescriptions: [{ services: [{ code: '89.7', tariffCents: 20.66 }] }] }],
    ['band 5', { date: '2026-12-01', incomeBand: 5, prescriptions: [{ services: [{ code: '89.7', tariffCents: 1 }] }] }],
    ['band 0', { date: '2026-12-01', incomeBand: 0, prescriptions: [{ services: [{ code: '89.7', tariffCents: 1 }] }] }],
    ['a bad date', { date: '2026-02-30', prescriptions: [{ services: [{ code: '89.7', tariffCents: 1 }] }] }],
    ['a misspelt key', { date: '2026-12-01', incomeband: 1, prescriptions: [{ services: [{ code: '89.7', tariffCents: 1 }] }] }],
  ])('refuses %s with BAD_REQUEST', (_what, json) => {
    expect(errorOf(() => parseQuoteRequest(json))).toBe('BAD_REQUEST');
  });

  it('lists every problem', () => {
    try {
      parseQuoteRequest({ date: 'x', incomeBand: 7, prescriptions: [{ services: [{ code: '', tariffCents: -3 }] }] });
      expect.unreachable();
    } catch (e) {
      expect((e as QuoteError).details?.problems).toEqual([
        expect.stringMatching(/^\$\.date: /),
        expect.stringMatching(/^\$\.incomeBand: /),
        expect.stringMatching(/^\$\.prescriptions\[0\]\.services\[0\]\.code: /),
        expect.stringMatching(/^\$\.prescriptions\[0\]\.services\[0\]\.tariffCents: /),
      ]);
    }
  });
});

const EXEMPTIONS = ['E01', 'E02', 'E03', 'E04', '013', '031', '048'];
const arbRequest = fc.record({
  date: fc.date({ min: new Date('2011-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  incomeBand: fc.constantFrom<QuoteRequest['incomeBand']>(1, 2, 3, 4, null),
  exemptions: fc.subarray(EXEMPTIONS),
  prescriptions: fc.array(
    fc.record({
      services: fc.array(
        fc.record({ code: fc.constantFrom(...DEMO_CATALOGUE.map((s) => s.code)), tariffCents: fc.integer({ min: 0, max: 20_000 }) }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});
const MAX_QUOTA = 1500;

describe('properties', () => {
  it('a prescription never costs more than the cap plus the quota', () => {
    fc.assert(
      fc.property(arbRequest, (req) => {
        for (const p of quoteTicket(req, DEMO_RULE_SETS).prescriptions) expect(p.totalCents).toBeLessThanOrEqual(3615 + MAX_QUOTA);
      }),
    );
  });

  it('the breakdown always adds up', () => {
    fc.assert(
      fc.property(arbRequest, (req) => {
        const q = quoteTicket(req, DEMO_RULE_SETS);
        expect(q.totalCents).toBe(q.prescriptions.reduce((s, p) => s + p.totalCents, 0));
        q.prescriptions.forEach((p, i) => {
          const services = req.prescriptions[i]?.services ?? [];
          const exempt = [...p.exemptServices];
          const charged = services.filter((s) => {
            const k = exempt.indexOf(s.code);
            if (k < 0) return true;
            exempt.splice(k, 1);
            return false;
          });
          expect(exempt).toEqual([]);
          expect(p.tariffCents).toBe(charged.reduce((s, x) => s + x.tariffCents, 0));
          expect(p.copayCents).toBe(Math.min(p.tariffCents, 3615));
          expect(p.totalCents).toBe(p.copayCents + p.quotaCents);
          if (charged.length === 0) expect(p.quotaCents).toBe(0);
        });
      }),
    );
  });

  it('removing an exemption never lowers a quote', () => {
    fc.assert(
      fc.property(arbRequest, fc.nat(), (req, pick) => {
        fc.pre(req.exemptions.length > 0);
        const without = req.exemptions.filter((_, i) => i !== pick % req.exemptions.length);
        const before = quoteTicket(req, DEMO_RULE_SETS);
        const after = quoteTicket({ ...req, exemptions: without }, DEMO_RULE_SETS);
        expect(after.totalCents).toBeGreaterThanOrEqual(before.totalCents);
        after.prescriptions.forEach((p, i) => expect(p.totalCents).toBeGreaterThanOrEqual(before.prescriptions[i]?.totalCents ?? 0));
      }),
    );
  });

  it('answers exactly the CLI contract keys', () => {
    const q = quoteTicket(request('2015-01-01', [[VISIT]]), DEMO_RULE_SETS);
    expect(Object.keys(q)).toEqual(['ruleVersion', 'totalCents', 'prescriptions']);
    expect(Object.keys(q.prescriptions[0] ?? {})).toEqual(['tariffCents', 'copayCents', 'quotaCents', 'totalCents', 'exemptServices']);
  });
});
