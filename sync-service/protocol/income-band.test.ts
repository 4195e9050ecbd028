import { describe, expect, it } from 'vitest';
import { IncomeBandAnswerSchema, IncomeBandPayloadSchema, jsonSchema } from './index.ts';

const declaration = {
  declarationId: 'decl-1',
  taxCode: 'RSSMRA85T10A562S',
  band: 2,
  declaredOn: '2011-10-03',
  declaredAt: '2011-10-03T08:15:00.000+02:00',
  terminalId: 'kiosk-1',
  statement: 'autocert-reddito-2011-09',
};

describe('income-band wire schemas', () => {
  it('accepts a declaration as a terminal sends it', () => {
    expect(IncomeBandPayloadSchema.parse(declaration)).toEqual(declaration);
    expect(IncomeBandPayloadSchema.safeParse({ ...declaration, declaredAt: '2011-10-03T06:15:00Z' }).success).toBe(true);
  });

  it.each([
    ['band 0', { band: 0 }],
    ['band 5', { band: 5 }],
    ['band as text', { band: '2' }],
    ['a wrong check character', { taxCode: 'RSSMRA85T10A562T' }],
    ['a lower-case code', { taxCode: 'rssmra85t10a562s' }],
    ['a code with spaces', { taxCode: ' RSSMRA85T10A562S' }],
    ['a date that does not exist', { declaredOn: '2011-02-29' }],
    ['a date with a time', { declaredOn: '2011-10-03T00:00' }],
    ['an instant without a zone', { declaredAt: '2011-10-03T08:15:00' }],
    ['an empty statement', { statement: '' }],
    ['no declaration id', { declarationId: undefined }],
  ])('refuses %s', (_what, change) => {
    expect(IncomeBandPayloadSchema.safeParse({ ...declaration, ...change }).success).toBe(false);
  });

  it('answers a band or all nulls, and publishes both as JSON Schema', () => {
    expect(IncomeBandAnswerSchema.safeParse({ taxCode: 'RSSMRA85T10A562S', band: null, declaredOn: null, declaredAt: null }).success).toBe(true);
    expect(IncomeBandAnswerSchema.safeParse({ taxCode: 'RSSMRA85T10A562S', band: 4, declaredOn: '2011-10-03', declaredAt: '2011-10-03T06:15:00.000Z' }).success).toBe(true);
    expect(IncomeBandAnswerSchema.safeParse({ taxCode: 'RSSMRA85T10A562S', band: 5, declaredOn: null, declaredAt: null }).success).toBe(false);
    const payload = jsonSchema(IncomeBandPayloadSchema);
    expect(payload.required).toEqual(['declarationId', 'taxCode', 'band', 'declaredOn', 'declaredAt', 'terminalId', 'statement']);
    expect((payload.properties as Record<string, { enum?: unknown }>).band?.enum).toEqual([1, 2, 3, 4]);
  });
});
