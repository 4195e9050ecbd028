import { codesClassifyCommand, pagopaNoticeCommand, pagopaQrCommand } from '@cup-kiosk/sync-service/domain';
import { requiredOption, stringOption, type Command } from '../command.ts';

export const codesClassify: Command = {
  path: ['codes', 'classify'],
  usage: 'cupk codes classify TEXT [--json]',
  summary: 'tell what a scanned or typed code is (codice fiscale, NRE, booking, pagoPA) and check it',
  positionals: { min: 1, max: 1 },
  async run([text]) {
    return codesClassifyCommand(text!);
  },
};

export const pagopaNotice: Command = {
  path: ['pagopa', 'notice'],
  usage: 'cupk pagopa notice --aux 3 --segregation NN --iuv-base 13DIGITS [--json]',
  summary: 'build an 18-digit pagoPA notice code with its check digits',
  options: { aux: { type: 'string' }, segregation: { type: 'string' }, 'application-code': { type: 'string' }, 'iuv-base': { type: 'string' } },
  async run(_p, values) {
    const segregation = stringOption(values, 'segregation');
    const applicationCode = stringOption(values, 'application-code');
    return pagopaNoticeCommand({
      aux: requiredOption(values, 'aux'),
      iuvBase: requiredOption(values, 'iuv-base'),
      ...(segregation === undefined ? {} : { segregation }),
      ...(applicationCode === undefined ? {} : { applicationCode }),
    });
  },
};

export const pagopaQr: Command = {
  path: ['pagopa', 'qr'],
  usage: 'cupk pagopa qr --notice CODE --creditor CF --amount CENTS [--json]',
  summary: 'the text of a pagoPA notice QR code',
  options: { notice: { type: 'string' }, creditor: { type: 'string' }, amount: { type: 'string' } },
  async run(_p, values) {
    return pagopaQrCommand({ notice: requiredOption(values, 'notice'), creditor: requiredOption(values, 'creditor'), amount: requiredOption(values, 'amount') });
  },
  human: (r) => (r as { qr: string }).qr,
};
