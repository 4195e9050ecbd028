import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardDataCorruptError } from './errors.ts';
import { decodePersonalData, decodePersonalDataHex, encodePersonalData, type PersonalDataInput } from './ts-cns.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
const field = (v: string) => v.length.toString(16).toUpperCase().padStart(2, '0') + v;

/** Written by hand, field by field, to pin the layout independently of the encoder. */
const ROSSI_FIELDS = ['030', '01012026', '31122031', 'ROSSI', 'MARIO', '10121985', 'M', '', 'RSSMRA85T10A562S', '100', 'A562', '', '', '', '', ''];
const ROSSI_BODY = ROSSI_FIELDS.map(field).join('');
const ROSSI = ascii(ROSSI_BODY.length.toString(16).toUpperCase().padStart(6, '0') + ROSSI_BODY);

function corruptOf(f: () => unknown): CardDataCorruptError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CardDataCorruptError);
    expect((e as CardDataCorruptError).code).toBe('CARD_DATA_CORRUPT');
    return e as CardDataCorruptError;
  }
  throw new Error('expected CARD_DATA_CORRUPT');
}

describe('decodePersonalData', () => {
  it('parses each field in order, dates as YYYY-MM-DD', () => {
    expect(decodePersonalData(ROSSI)).toEqual({
      issuerCode: '030',
      issueDate: '2026-01-01',
      expiryDate: '2031-12-31',
      surname: 'ROSSI',
      name: 'MARIO',
      birthDate: '1985-12-10',
      sex: 'M',
      height: '',
      taxCode: 'RSSMRA85T10A562S',
      citizenship: '100',
      birthplace: 'A562',
      birthCountry: '',
      birthRecord: '',
      residence: '',
      residenceAddress: '',
      expatriationNote: '',
    });
  });

  it('reads names of any length by their prefix, not at fixed offsets', () => {
    const fields = [...ROSSI_FIELDS];
    fields[3] = "DELL'ACQUA DI SAN GIOVANNI";
    fields[4] = 'MARIA ANNUNZIATA';
    const body = fields.map(field).join('');
    const d = decodePersonalData(ascii(body.length.toString(16).padStart(6, '0') + body));
    expect(d.surname).toBe("DELL'ACQUA DI SAN GIOVANNI");
    expect(d.name).toBe('MARIA ANNUNZIATA');
    expect(d.taxCode).toBe('RSSMRA85T10A562S');
  });

  it('ignores the padding after the declared length', () => {
    const padded = new Uint8Array(ROSSI.length + 40).fill(0xff);
    padded.set(ROSSI);
    expect(decodePersonalData(padded).surname).toBe('ROSSI');
  });

  it('reports what is wrong with a file that does not parse', () => {
    expect(corruptOf(() => decodePersonalData(new Uint8Array(0))).message).toMatch(/length header/);
    expect(corruptOf(() => decodePersonalData(ascii('00ZZ00'))).message).toMatch(/not hex/);
    expect(corruptOf(() => decodePersonalData(ROSSI.slice(0, 50))).message).toMatch(/declares/);
    const badDate = ascii(new TextDecoder().decode(ROSSI).replace('10121985', '31021985'));
    expect(corruptOf(() => decodePersonalData(badDate)).details).toMatchObject({ field: 'birthDate' });
    const badSex = ascii(new TextDecoder().decode(ROSSI).replace('01M', '01X'));
    expect(corruptOf(() => decodePersonalData(badSex)).details).toMatchObject({ field: 'sex' });
    const zeroed = ROSSI.slice();
    zeroed.fill(0, 40, 48);
    corruptOf(() => decodePersonalData(zeroed));
  });

  it('needs all sixteen fields', () => {
    const body = ROSSI_FIELDS.slice(0, 15).map(field).join('');
    expect(corruptOf(() => decodePersonalData(ascii(body.length.toString(16).padStart(6, '0') + body))).message).toMatch(/expatriationNote/);
  });
});

describe('encodePersonalData', () => {
  it('writes exactly the layout of a card', () => {
    const input: PersonalDataInput = {
      issuerCode: '030',
      issueDate: '2026-01-01',
      expiryDate: '2031-12-31',
      surname: 'ROSSI',
      name: 'MARIO',
      birthDate: '1985-12-10',
      sex: 'M',
      taxCode: 'RSSMRA85T10A562S',
      citizenship: '100',
      birthplace: 'A562',
    };
    expect(Array.from(encodePersonalData(input))).toEqual(Array.from(ROSSI));
  });

  const text = (max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ \'-0123456789'), maxLength: max });
  const name = text(60).filter((s) => s.trim() === s && s !== '');
  const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const record = fc.record({
    issuerCode: text(8).map((s) => s.trim()),
    issueDate: date,
    expiryDate: date,
    surname: name,
    name,
    birthDate: date,
    sex: fc.constantFrom('M' as const, 'F' as const),
    height: fc.constant(''),
    taxCode: fc.stringMatching(/^[A-Z0-9]{16}$/),
    citizenship: fc.stringMatching(/^\d{0,3}$/),
    birthplace: fc.stringMatching(/^([A-Z]\d{3})?$/),
    birthCountry: fc.stringMatching(/^(Z\d{3})?$/),
    birthRecord: text(20).map((s) => s.trim()),
    residence: text(30).map((s) => s.trim()),
    residenceAddress: text(80).map((s) => s.trim()),
    expatriationNote: fc.constant(''),
  });

  it('round-trips through decode', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(decodePersonalData(encodePersonalData(r))).toEqual(r);
      }),
    );
  });
});

describe('fuzz: garbage never throws anything but CARD_DATA_CORRUPT', () => {
  const onlyTyped = (bytes: Uint8Array) => {
    try {
      decodePersonalData(bytes);
    } catch (e) {
      if (!(e instanceof CardDataCorruptError)) throw e;
    }
  };

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), onlyTyped), { numRuns: 2000 });
  });

  it('a good file with bytes changed, cut or padded', () => {
    const mutation = fc.record({ at: fc.nat(ROSSI.length - 1), byte: fc.integer({ min: 0, max: 255 }), cut: fc.nat(ROSSI.length), pad: fc.uint8Array({ maxLength: 20 }) });
    fc.assert(
      fc.property(mutation, ({ at, byte, cut, pad }) => {
        const b = ROSSI.slice();
        b[at] = byte;
        onlyTyped(b);
        onlyTyped(ROSSI.slice(0, cut));
        const padded = new Uint8Array(ROSSI.length + pad.length);
        padded.set(ROSSI);
        padded.set(pad, ROSSI.length);
        expect(decodePersonalData(padded).taxCode).toBe('RSSMRA85T10A562S');
      }),
      { numRuns: 2000 },
    );
  });

  it('hex text of any kind', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          decodePersonalDataHex(s);
        } catch (e) {
          if (!(e instanceof CardDataCorruptError)) throw e;
        }
      }),
    );
  });
});

describe('decodePersonalDataHex', () => {
  it('gives the CLI fields, from hex with spaces', () => {
    const hex = Array.from(ROSSI, (b) => b.toString(16).padStart(2, '0')).join(' ');
    expect(decodePersonalDataHex(hex)).toMatchObject({
      surname: 'ROSSI',
      name: 'MARIO',
      sex: 'M',
      birthDate: '1985-12-10',
      taxCode: 'RSSMRA85T10A562S',
      cardExpiry: '2031-12-31',
      issueDate: '2026-01-01',
      birthplace: 'A562',
    });
  });

  it('calls hex that is not hex corrupt', () => {
    expect(() => decodePersonalDataHex('abc')).toThrow(CardDataCorruptError);
    expect(() => decodePersonalDataHex('zz')).toThrow(CardDataCorruptError);
  });
});
