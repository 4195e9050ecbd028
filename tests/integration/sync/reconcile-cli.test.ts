/**
 * `cupk central reconcile`, `cupk central staff` and `cupk central snapshot-epoch` through the
 * real command line: reconcile against a central on 127.0.0.1 holding a day of payments, staff
 * accounts and the snapshot epoch straight on its SQLite folder, the password on stdin of a
 * real `cupk` process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../../../sync-service/central/index.ts';
import { EXPECTED_MONEY_DAY, MONEY_DAY, seedMoneyDay } from '../../../sync-service/central/money-fixtures.ts';
import { cupk } from '../cli-harness.ts';
import { tempDir } from './helpers.ts';

const TOKEN = 'reconcile-cli-admin-token';
const ROOT = join(import.meta.dirname, '..', '..', '..');
let dir: ReturnType<typeof tempDir>;
let central: RunningCentral;
let admin: string[];

/** A real `cupk` process, for what reads stdin. */
const cupkProcess = (input: string, ...argv: string[]) => {
  const r = spawnSync(process.execPath, ['bin/cupk.mjs', ...argv], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  dir = tempDir('cupk-reconcile-cli-');
  central = await startCentral({ dataDir: dir.path, adminToken: TOKEN });
  await seedMoneyDay(central.store);
  admin = ['--central', central.url, '--token', TOKEN];
});

afterAll(async () => {
  await central?.close();
  dir?.remove();
});

describe('cupk central reconcile', () => {
  it('answers exactly one JSON object with the days of the range', async () => {
    const res = await cupk('central', 'reconcile', ...admin, '--from', MONEY_DAY, '--json');
    expect([res.code, res.stdout.trim().split('\n').length]).toEqual([0, 1]);
    const days = res.json.days as { day: string; totals: unknown; terminals: unknown; providers: unknown }[];
    expect(days.map((d) => d.day)).toEqual([MONEY_DAY]);
    expect({ totals: days[0]!.totals, terminals: days[0]!.terminals, providers: days[0]!.providers }).toEqual(EXPECTED_MONEY_DAY);
  });

  it('prints terminals and providers without --json', async () => {
    const res = await cupk('central', 'reconcile', ...admin, '--from', MONEY_DAY, '--to', '2026-03-03');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^2026-03-02 {2}payments 4 {2}collected 97,45/m);
    expect(res.stdout).toMatch(/terminal T1 .* difference +-0,01\s€$/m);
    expect(res.stdout).toMatch(/provider 03399650104 ASL 3 Genovese: paid 2 for 41,32\s€/);
  });

  it('answers typed errors (exit 1) and usage errors (exit 2)', async () => {
    const bad = await cupk('central', 'reconcile', ...admin, '--from', '2026-02-30', '--json');
    expect([bad.code, (bad.json.error as { code: string }).code]).toEqual([1, 'DATE_INVALID']);
    const backwards = await cupk('central', 'reconcile', ...admin, '--from', '2026-03-03', '--to', '2026-03-01', '--json');
    expect([backwards.code, (backwards.json.error as { code: string }).code]).toEqual([1, 'DATE_RANGE_INVALID']);
    const long = await cupk('central', 'reconcile', ...admin, '--from', '2024-01-01', '--to', '2025-06-01', '--json');
    expect([long.code, (long.json.error as { code: string }).code]).toEqual([1, 'DATE_RANGE_INVALID']);
    const token = await cupk('central', 'reconcile', '--central', central.url, '--token', 'not-the-admin-token', '--from', MONEY_DAY, '--json');
    expect([token.code, (token.json.error as { code: string }).code]).toEqual([1, 'ADMIN_AUTH_INVALID']);
    const usage = await cupk('central', 'reconcile', ...admin, '--json');
    expect([usage.code, (usage.json.error as { code: string }).code]).toEqual([2, 'USAGE']);
  });
});

describe('cupk central staff', () => {
  it('adds an account from a password on stdin, lists it, refuses a second, and disables it', () => {
    const data = ['--data', dir.path];
    const added = cupkProcess('a long enough password\n', 'central', 'staff', 'add', ...data, '--user', 'anna', '--role', 'staff', '--password-stdin', '--json');
    expect([added.code, JSON.parse(added.stdout)]).toEqual([0, { username: 'anna', role: 'staff', createdAt: expect.any(String), disabledAt: null, lockedUntil: null }]);
    const again = cupkProcess('a long enough password\n', 'central', 'staff', 'add', ...data, '--user', 'anna', '--role', 'staff', '--json');
    expect([again.code, JSON.parse(again.stdout).error.code]).toEqual([1, 'STAFF_EXISTS']);
    const weak = cupkProcess('short\n', 'central', 'staff', 'add', ...data, '--user', 'bruno', '--role', 'staff', '--json');
    expect([weak.code, JSON.parse(weak.stdout).error.code]).toEqual([1, 'STAFF_PASSWORD_WEAK']);
    const role = cupkProcess('a long enough password\n', 'central', 'staff', 'add', ...data, '--user', 'bruno', '--role', 'boss', '--json');
    expect(role.code).toBe(2);
    const list = cupkProcess('', 'central', 'staff', 'list', ...data, '--json');
    expect(JSON.parse(list.stdout).accounts.map((a: { username: string }) => a.username)).toEqual(['anna']);
    expect(list.stdout).not.toContain('scrypt');
    const disabled = cupkProcess('', 'central', 'staff', 'disable', ...data, '--user', 'anna', '--json');
    expect([disabled.code, JSON.parse(disabled.stdout).disabledAt]).toEqual([0, expect.any(String)]);
    const unknown = cupkProcess('', 'central', 'staff', 'disable', ...data, '--user', 'nobody', '--json');
    expect([unknown.code, JSON.parse(unknown.stdout).error.code]).toEqual([1, 'STAFF_UNKNOWN']);
  });
});

describe('cupk central snapshot-epoch', () => {
  it('shows the epoch, and renews it for a database restored from a backup', () => {
    const data = ['--data', dir.path];
    const shown = cupkProcess('', 'central', 'snapshot-epoch', ...data, '--json');
    const { epoch } = JSON.parse(shown.stdout) as { epoch: string };
    expect([shown.code, JSON.parse(shown.stdout)]).toEqual([0, { epoch: expect.stringMatching(/^[0-9a-f]{32}$/), renewed: false }]);
    const renewed = cupkProcess('', 'central', 'snapshot-epoch', ...data, '--renew', '--json');
    const after = JSON.parse(renewed.stdout) as { epoch: string; previous: string };
    expect([renewed.code, after]).toEqual([0, { epoch: expect.stringMatching(/^[0-9a-f]{32}$/), renewed: true, previous: epoch }]);
    expect(after.epoch).not.toBe(epoch);
    expect(JSON.parse(cupkProcess('', 'central', 'snapshot-epoch', ...data, '--json').stdout).epoch).toBe(after.epoch);
    const human = cupkProcess('', 'central', 'snapshot-epoch', ...data);
    expect(human.stdout.trim()).toBe(`snapshot epoch ${after.epoch}`);
    const missing = cupkProcess('', 'central', 'snapshot-epoch', '--data', join(dir.path, 'nowhere'), '--json');
    expect([missing.code, JSON.parse(missing.stdout).error.code]).toEqual([1, 'CENTRAL_DATA_MISSING']);
    expect(cupkProcess('', 'central', 'snapshot-epoch', ...data, '--pg', 'postgres://x/y', '--json').code).toBe(2);
  });
});
