/**
 * `cupk notices issue|list|pdf`: credit recovery at the central, for CUP staff. A run issues a
 * pagoPA notice for every ticket left unpaid past its appointment; the list and the printable
 * notice follow. All three use the central's administrator token.
 */
import { writeFile } from 'node:fs/promises';
import { issueNotices, listNotices, noticePdf } from '@cup-kiosk/sync-service/client';
import { CupError, formatEuro } from '@cup-kiosk/sync-service/domain';
import type { Notice, NoticeStatus } from '@cup-kiosk/sync-service/protocol';
import { requiredOption, stringOption, UsageError, type Command, type Values } from '../command.ts';
import { ADMIN_TOKEN_ENV } from './central.ts';

const STATUSES: readonly NoticeStatus[] = ['payable', 'paid', 'cancelled'];

/** `--central` and the administrator's token (`--token`, or CUPK_ADMIN_TOKEN), for the admin routes' commands. */
export function adminConnection(values: Values): { centralUrl: string; token: string } {
  const centralUrl = requiredOption(values, 'central');
  const token = stringOption(values, 'token') ?? process.env[ADMIN_TOKEN_ENV];
  if (!token) throw new UsageError('--token is required');
  return { centralUrl, token };
}

const line = (n: Notice) => `${n.noticeCode}  ${n.status.padEnd(9)} ${formatEuro(n.amountCents).padStart(12)}  ${n.taxCode}  ${n.subject}`;
const table = (notices: readonly Notice[], empty: string) => (notices.length === 0 ? empty : notices.map(line).join('\n'));

export const noticesIssue: Command = {
  path: ['notices', 'issue'],
  usage: 'cupk notices issue --central URL --token T [--as-of YYYY-MM-DD] [--json]',
  summary: 'credit recovery: a pagoPA notice for each ticket left unpaid before the date',
  options: { central: { type: 'string' }, token: { type: 'string' }, 'as-of': { type: 'string' } },
  async run(_p, values) {
    const asOf = stringOption(values, 'as-of');
    // DATE_INVALID, ADMIN_AUTH_INVALID, ADMIN_DISABLED, CENTRAL_UNREACHABLE come from the client as they are.
    return { issued: await issueNotices({ ...adminConnection(values), ...(asOf === undefined ? {} : { asOf }) }) };
  },
  human: (r) => table((r as { issued: Notice[] }).issued, 'no notice to issue'),
};

export const noticesList: Command = {
  path: ['notices', 'list'],
  usage: 'cupk notices list --central URL --token T [--tax-code CF] [--status S] [--json]',
  summary: 'the notices issued, newest first (payable, paid, cancelled)',
  options: { central: { type: 'string' }, token: { type: 'string' }, 'tax-code': { type: 'string' }, status: { type: 'string' } },
  async run(_p, values) {
    const taxCode = stringOption(values, 'tax-code');
    const status = stringOption(values, 'status');
    if (status !== undefined && !STATUSES.includes(status as NoticeStatus)) throw new UsageError(`--status takes ${STATUSES.join(', ')}`);
    const filter = { ...(taxCode === undefined ? {} : { taxCode }), ...(status === undefined ? {} : { status: status as NoticeStatus }) };
    return { notices: await listNotices({ ...adminConnection(values), ...filter }) };
  },
  human: (r) => table((r as { notices: Notice[] }).notices, 'no notices'),
};

export const noticesPdf: Command = {
  path: ['notices', 'pdf'],
  usage: 'cupk notices pdf --central URL --token T --notice CODE --out FILE [--json]',
  summary: 'write the printable notice (PDF, with its QR code) to a file',
  options: { central: { type: 'string' }, token: { type: 'string' }, notice: { type: 'string' }, out: { type: 'string' } },
  async run(_p, values) {
    const connection = adminConnection(values);
    const noticeCode = requiredOption(values, 'notice');
    const file = requiredOption(values, 'out');
    const pdf = await noticePdf({ ...connection, noticeCode });
    await writeFile(file, pdf).catch((e: unknown) => {
      throw new CupError('OUTPUT_UNWRITABLE', `cannot write ${file}: ${(e as Error).message}`, { file });
    });
    return { file, bytes: pdf.length };
  },
  human: (r) => `wrote ${(r as { file: string }).file} (${(r as { bytes: number }).bytes} bytes)`,
};

export const NOTICE_COMMANDS: Command[] = [noticesIssue, noticesList, noticesPdf];
