/**
 * `cupk notices issue|list|pdf` through the real `main()` against the embedded demo central on
 * 127.0.0.1, and `cupk pagopa notice|qr` agreeing with the notices it issued.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { DEMO_NOTICES } from '../../../sync-service/domain/index.ts';
import type { Notice } from '../../../sync-service/protocol/index.ts';
import { cupk } from '../cli-harness.ts';
import { tempDir } from './helpers.ts';

const TOKEN = 'notice-cli-admin-token';
const [ROSSI] = DEMO_NOTICES as [(typeof DEMO_NOTICES)[number]];
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let admin: string[];

beforeAll(async () => {
  dir = tempDir('cupk-notice-cli-');
  central = await startCentral({ dbFile: join(dir.path, 'central.db'), seedDemo: true, adminToken: TOKEN });
  admin = ['--central', central.url, '--token', TOKEN, '--json'];
});

afterAll(async () => {
  await central?.close();
  dir?.remove();
});

describe('cupk notices', () => {
  it('lists the demo notices, all of them or one debtor', async () => {
    const all = await cupk('notices', 'list', ...admin);
    expect(all.code).toBe(0);
    expect(Object.keys(all.json)).toEqual(['notices']);
    expect((all.json.notices as Notice[]).map((n) => n.noticeCode).sort()).toEqual(DEMO_NOTICES.map((n) => n.noticeCode));
    const rossi = await cupk('notices', 'list', '--tax-code', ROSSI.taxCode, '--status', 'payable', ...admin);
    expect((rossi.json.notices as Notice[]).map((n) => [n.noticeCode, n.amountCents])).toEqual([[ROSSI.noticeCode, ROSSI.amountCents]]);
  });

  it('runs credit recovery: nothing new as of the demo run, the bookings fallen due since as of a later date', async () => {
    expect(await cupk('notices', 'issue', '--as-of', '2026-11-02', ...admin)).toMatchObject({ code: 0, json: { issued: [] } });
    const later = await cupk('notices', 'issue', '--as-of', '2027-02-01', ...admin);
    expect(later.code).toBe(0);
    expect((later.json.issued as Notice[]).map((n) => [n.bookingCode, n.dueDate])).toEqual([
      ['123456789092', '2027-03-03'],
      ['070000000337', '2027-03-03'],
      ['070000000143', '2027-03-03'],
      ['070000000240', '2027-03-03'],
    ]);
    expect((later.json.issued as Notice[]).map((n) => n.noticeCode.slice(3, 16))).toEqual(['0000000000004', '0000000000005', '0000000000006', '0000000000007']);
  });

  it('writes the printable notice to a file', async () => {
    const out = join(dir.path, 'avviso.pdf');
    const res = await cupk('notices', 'pdf', '--notice', ROSSI.noticeCode.replace(/(\d{4})/g, '$1 ').trim(), '--out', out, ...admin);
    expect(res).toMatchObject({ code: 0, json: { file: out, bytes: expect.any(Number) } });
    const pdf = readFileSync(out);
    expect(pdf.length).toBe(res.json.bytes);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers typed errors (exit 1) and usage errors (exit 2)', async () => {
    const failing: [string[], string][] = [
      [['notices', 'list', '--central', central.url, '--token', 'wrong-token-wrong', '--json'], 'ADMIN_AUTH_INVALID'],
      [['notices', 'issue', '--as-of', '2026-13-01', ...admin], 'DATE_INVALID'],
      [['notices', 'list', '--tax-code', 'RSSMRA85T10A562T', ...admin], 'TAX_CODE_INVALID'],
      [['notices', 'pdf', '--notice', '3020', '--out', join(dir.path, 'x.pdf'), ...admin], 'BAD_NOTICE'],
      [['notices', 'pdf', '--notice', '302000000000099959', '--out', join(dir.path, 'x.pdf'), ...admin], 'NOTICE_UNKNOWN'],
      [['notices', 'pdf', '--notice', ROSSI.noticeCode, '--out', join(dir.path, 'no-such-dir', 'x.pdf'), ...admin], 'OUTPUT_UNWRITABLE'],
      [['notices', 'list', '--central', 'http://127.0.0.1:9', '--token', TOKEN, '--json'], 'CENTRAL_UNREACHABLE'],
    ];
    for (const [argv, code] of failing) {
      const res = await cupk(...argv);
      expect([argv.slice(0, 2).join(' '), res.code, (res.json.error as { code: string }).code]).toEqual([argv.slice(0, 2).join(' '), 1, code]);
    }
    const open = await startCentral({ dbFile: join(dir.path, 'open.db') });
    try {
      expect((await cupk('notices', 'issue', '--central', open.url, '--token', TOKEN, '--json')).json).toMatchObject({ error: { code: 'ADMIN_DISABLED' } });
    } finally {
      await open.close();
    }
    expect((await cupk('notices', 'list', '--token', TOKEN, '--json')).code).toBe(2);
    expect((await cupk('notices', 'list', '--status', 'lost', ...admin)).code).toBe(2);
    expect((await cupk('notices', 'pdf', '--notice', ROSSI.noticeCode, ...admin)).code).toBe(2);
  });
});

describe('cupk pagopa', () => {
  it('builds the code and the QR text of a notice the central issued', async () => {
    expect((await cupk('pagopa', 'notice', '--aux', '3', '--segregation', '02', '--iuv-base', '0000000000001', '--json')).json).toEqual({ noticeCode: ROSSI.noticeCode });
    expect((await cupk('pagopa', 'qr', '--notice', ROSSI.noticeCode, '--creditor', ROSSI.creditorFiscalCode, '--amount', String(ROSSI.amountCents), '--json')).json).toEqual({ qr: ROSSI.qrText });
    expect((await cupk('pagopa', 'qr', '--notice', '399000012345678900', '--creditor', '83000390019', '--amount', '222250', '--json')).json).toMatchObject({ error: { code: 'BAD_NOTICE' } });
  });
});
