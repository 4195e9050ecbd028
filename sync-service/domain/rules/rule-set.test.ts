import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../catalogue/demo-catalogue.ts';
import { DEMO_RULE_SETS } from './demo-rules.ts';
import demo3 from './demo/demo-3.json' with { type: 'json' };
import publishedSchema from './rule-set.schema.json' with { type: 'json' };
import { ruleSetInForce, ruleSetJsonSchema, validateRuleSet } from './rule-set.ts';

const byVersion = (v: string) => DEMO_RULE_SETS.find((s) => s.version === v);

describe('demo rule set (DOMAIN.md table)', () => {
  it('has the four versions with their dates', () => {
    expect(DEMO_RULE_SETS.map((s) => [s.version, s.effectiveFrom])).toEqual([
      ['demo-1', '2011-01-01'],
      ['demo-2', '2011-07-18'],
      ['demo-3', '2011-09-29'],
      ['demo-4', '2020-09-01'],
    ]);
  });
  it('caps every prescription at 3615 and quotas as the table says', () => {
    for (const s of DEMO_RULE_SETS) expect(s.capCents).toBe(3615);
    expect(byVersion('demo-1')).toMatchObject({ fixedQuotaCents: 0, incomeBands: null });
    expect(byVersion('demo-2')).toMatchObject({ fixedQuotaCents: 1000, incomeBands: null });
    expect(byVersion('demo-3')).toMatchObject({
      fixedQuotaCents: 0,
      incomeBands: {
        defaultBand: 4,
        bands: [
          { band: 1, upToCents: 3_615_200, quotaCents: 0 },
          { band: 2, upToCents: 7_000_000, quotaCents: 500 },
          { band: 3, upToCents: 10_000_000, quotaCents: 1000 },
          { band: 4, upToCents: null, quotaCents: 1500 },
        ],
      },
    });
    expect(byVersion('demo-4')).toMatchObject({ fixedQuotaCents: 0, incomeBands: null });
  });
  it('allows 8 services of one branch, 12 for physiotherapy', () => {
    for (const s of DEMO_RULE_SETS) expect(s.prescription).toEqual({ maxServices: 8, maxServicesByBranch: { physiotherapy: 12 }, singleBranch: true });
  });
  it('knows E01-E04 for every service and disease codes for catalogue services only', () => {
    const codes = new Set(DEMO_CATALOGUE.map((s) => s.code));
    for (const s of DEMO_RULE_SETS) {
      for (const e of ['E01', 'E02', 'E03', 'E04']) expect(s.exemptions.find((x) => x.code === e)?.covers).toBe('all');
      expect(s.exemptions.find((x) => x.code === '013')?.covers).toEqual(['89.7A.8', '89.01.8', '90.28.1', '95.09.1']);
      for (const e of s.exemptions) if (e.covers !== 'all') for (const c of e.covers) expect(codes.has(c), `${e.code} covers ${c}`).toBe(true);
    }
  });
});

describe('validateRuleSet', () => {
  it('lists every problem with its JSON path', () => {
    const bad = {
      ...demo3,
      version: 'demo 3',
      effectiveFrom: '2011-02-30',
      capCents: -1,
      fixedQuotaCents: 1.5,
      incomeBands: { defaultBand: 5, bands: [{ band: 1, upToCents: 500, quotaCents: 0 }, { band: 3, upToCents: 200, quotaCents: 0 }, { band: 3, upToCents: 900, quotaCents: 0 }] },
      exemptions: [{ code: 'E01', description: 'x', covers: 'all' }, { code: 'E01', description: 'x', covers: [] }],
      prescription: { maxServices: 0, maxServicesByBranch: {}, singleBranch: true },
      extra: true,
    };
    const r = validateRuleSet(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.slice(0, p.indexOf(':')));
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.version',
        '$.effectiveFrom',
        '$.capCents',
        '$.fixedQuotaCents',
        '$.incomeBands.bands[1].band',
        '$.incomeBands.bands[1].upToCents',
        '$.incomeBands.bands[2].upToCents',
        '$.incomeBands.defaultBand',
        '$.exemptions[1].covers',
        '$.exemptions[1].code',
        '$.prescription.maxServices',
        '$',
      ]),
    );
    expect(r.problems.find((p) => p.startsWith('$:'))).toContain('extra');
  });

  it('reports missing fields and wrong types', () => {
    const r = validateRuleSet({ version: 'x' });
    expect(r.ok ? [] : r.problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\$\.effectiveFrom: /), expect.stringMatching(/^\$\.capCents: /), expect.stringMatching(/^\$\.prescription: /)]),
    );
    expect(validateRuleSet(null)).toMatchObject({ ok: false, problems: [expect.stringMatching(/^\$: /)] });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ version: fc.string(), effectiveFrom: fc.string(), capCents: fc.anything(), incomeBands: fc.anything(), exemptions: fc.anything(), prescription: fc.anything() }), fc.constant(demo3).chain((d) => fc.dictionary(fc.constantFrom(...Object.keys(d)), fc.anything()).map((patch) => ({ ...d, ...patch })))), (json) => {
        const r = validateRuleSet(json);
        expect(r.ok || r.problems.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('published JSON Schema', () => {
  it('matches the file shipped for regions (regenerate it when the schema changes)', () => {
    expect(ruleSetJsonSchema()).toEqual(publishedSchema);
  });
  it('describes the document', () => {
    const schema = ruleSetJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'effectiveFrom', 'capCents', 'fixedQuotaCents', 'incomeBands', 'exemptions', 'prescription']));
  });
});

describe('ruleSetInForce', () => {
  it.each([
    ['2010-12-31', undefined],
    ['2011-01-01', 'demo-1'],
    ['2011-07-17', 'demo-1'],
    ['2011-07-18', 'demo-2'],
    ['2011-09-28', 'demo-2'],
    ['2011-09-29', 'demo-3'],
    ['2020-08-31', 'demo-3'],
    ['2020-09-01', 'demo-4'],
    ['2027-01-19', 'demo-4'],
  ])('on %s → %s', (date, version) => {
    expect(ruleSetInForce(DEMO_RULE_SETS, date)?.version).toBe(version);
  });
  it('does not depend on the order sets arrive in', () => {
    expect(ruleSetInForce([...DEMO_RULE_SETS].reverse(), '2015-01-01')?.version).toBe('demo-3');
  });
  it('takes the later-pushed of two versions with the same date', () => {
    const d4 = byVersion('demo-4');
    if (!d4) throw new Error('demo-4 missing');
    expect(ruleSetInForce([...DEMO_RULE_SETS, { ...d4, version: 'demo-4b' }], '2021-01-01')?.version).toBe('demo-4b');
  });
});
