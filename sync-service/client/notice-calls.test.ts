import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../central/start.ts';
import { CupError, DEMO_NOTICES } from '../domain/index.ts';
import { Outbox } from '../outbox/outbox.ts';
import { openDatabase, type Database } from '../outbox/sqlite.ts';
import { NoticeViewSchema } from '../protocol/index.ts';
import { SyncClient } from './sync-client.ts';

// The client's notice calls against a real central on loopback (signatures are the integration
// tests' business): what the kiosk gets back, refusals typed with the central's own codes.

const [ROSSI] = DEMO_NOTICES as [(typeof DEMO_NOTICES)[number]];
let dir: string;
let db: Database;
let central: RunningCentral;
let client: SyncClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cupk-notice-client-'));
  central = await startCentral({ dbFile: join(dir, 'central.db'), seedDemo: true, requireSignatures: false });
  db = await openDatabase(join(dir, 'terminal.db'));
  client = new SyncClient({ outbox: await Outbox.open(db), centralUrl: central.url, terminalId: 'kiosk-1' });
});

afterAll(async () => {
  await central?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('resolved'),
    (e: unknown) => {
      expect(e).toBeInstanceOf(CupError);
      return (e as CupError).code;
    },
  );

describe('SyncClient notice calls', () => {
  it('verifies a notice and answers a NoticeView', async () => {
    const view = await client.verifyNotice(ROSSI.noticeCode);
    expect(NoticeViewSchema.parse(view)).toEqual(view);
    expect(view).toMatchObject({ noticeCode: ROSSI.noticeCode, amountCents: ROSSI.amountCents, creditorFiscalCode: ROSSI.creditorFiscalCode, status: 'payable', lockedUntil: null });
  });

  it('rejects malformed and unknown codes with the central codes, as CupErrors', async () => {
    expect(await refusal(client.verifyNotice('3020'))).toBe('BAD_NOTICE');
    expect(await refusal(client.verifyNotice(`${ROSSI.noticeCode.slice(0, 16)}00`))).toBe('BAD_NOTICE');
    expect(await refusal(client.verifyNotice('302000000000099959'))).toBe('NOTICE_UNKNOWN');
    expect(await refusal(client.lockNotice('302000000000099959', 'p'))).toBe('NOTICE_UNKNOWN');
  });

  it('locks, refuses a second payment NOTICE_LOCKED, and releases', async () => {
    const { lockedUntil } = await client.lockNotice(ROSSI.noticeCode, 'pay-1');
    expect(Date.parse(lockedUntil)).toBeGreaterThan(Date.now());
    expect(await refusal(client.lockNotice(ROSSI.noticeCode, 'pay-2'))).toBe('NOTICE_LOCKED');
    await expect(client.releaseNotice(ROSSI.noticeCode, 'pay-2')).resolves.toBeUndefined();
    expect((await client.verifyNotice(ROSSI.noticeCode)).lockedUntil).toBe(lockedUntil);
    await client.releaseNotice(ROSSI.noticeCode, 'pay-1');
    expect((await client.verifyNotice(ROSSI.noticeCode)).lockedUntil).toBeNull();
  });

  it("lists a citizen's unpaid bookings and notices, and refuses a bad tax code", async () => {
    const unpaid = await client.unpaidTickets(` ${ROSSI.taxCode.toLowerCase()} `);
    expect(unpaid.bookings.map((b) => b.code)).toEqual(['123456789092']);
    expect(unpaid.notices.map((n) => n.noticeCode)).toEqual([ROSSI.noticeCode]);
    expect(await refusal(client.unpaidTickets('RSSMRA85T10A562T'))).toBe('TAX_CODE_INVALID');
  });

  it('rejects CENTRAL_UNREACHABLE when the central is down or failing, CENTRAL_REJECTED for other refusals', async () => {
    const outbox = await Outbox.open(db);
    const down = new SyncClient({ outbox, centralUrl: 'http://127.0.0.1:9', terminalId: 'kiosk-1' });
    expect(await refusal(down.verifyNotice(ROSSI.noticeCode))).toBe('CENTRAL_UNREACHABLE');
    const failing = (status: number) =>
      new SyncClient({ outbox, centralUrl: central.url, terminalId: 'kiosk-1', fetch: async () => new Response(JSON.stringify({ error: { code: 'AUTH_REVOKED', message: 'x' } }), { status }) });
    expect(await refusal(failing(503).lockNotice(ROSSI.noticeCode, 'p'))).toBe('CENTRAL_UNREACHABLE');
    expect(await refusal(failing(401).unpaidTickets(ROSSI.taxCode))).toBe('CENTRAL_REJECTED');
  });
});
