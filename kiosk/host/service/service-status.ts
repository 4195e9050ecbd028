import type { DeviceHealth } from '@cup-kiosk/sync-service/protocol';
import type { PrinterStatus } from '../../bridge/terminal-api.ts';
import type { ServiceLedgerEntry, ServiceStatus } from '../../bridge/service-api.ts';
import type { CashLedger, StoredLedgerRow } from '../cash/cash-ledger.ts';
import { initialDeviceStates, printerHealth } from '../health/device-states.ts';
import { deviceList, type HopperLevel } from '../health/heartbeat-body.ts';

/** How the terminal stands with the central, as its sync client says. */
export interface ServiceSyncPort {
  status(): Promise<{ backlog: number; lastAckAt: string | null; online: boolean }>;
  syncNow(): Promise<{ sent: number; acked: number }>;
}

/** Where the device list comes from: the health reporter's, as the heartbeat sends it. */
export type DeviceSource = () => Promise<DeviceHealth[]>;

/**
 * The device list when no health reporter runs (heartbeat off): hoppers from the ledger and the
 * printer asked now; the rest as at start, since nothing else listens to them.
 */
export function devicesWithoutReporter(
  printer: () => Promise<PrinterStatus>,
  hopperLevels: () => Promise<HopperLevel[]>,
  optional: { scanner: boolean; pos: boolean },
): DeviceSource {
  return async () => {
    const states = initialDeviceStates(optional);
    const status = await printer().catch(() => null);
    return deviceList({ ...states, printer: status ? printerHealth(status) : { state: 'offline', fault: 'PRINTER_NO_RESPONSE' } }, await hopperLevels());
  };
}

export async function serviceStatus(devices: DeviceSource, sync: ServiceSyncPort, ledger: CashLedger): Promise<ServiceStatus> {
  const [list, s, levels] = await Promise.all([devices(), sync.status(), ledger.levels()]);
  return { devices: list, centralOnline: s.online, backlog: s.backlog, lastSyncAt: s.lastAckAt, cashboxCents: levels.cashboxCents, cashbox: levels.cashbox };
}

/** The latest cash ledger rows, newest first; a technician's count or test is marked as such. */
export async function latestLedger(ledger: CashLedger, limit: number): Promise<ServiceLedgerEntry[]> {
  const rows = await ledger.latestRows(limit);
  return rows.map((r: StoredLedgerRow) => {
    const detail = JSON.parse(r.detail) as { test?: boolean };
    return {
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      device: r.device,
      valueCents: r.value_cents,
      count: r.count,
      amountCents: r.amount_cents,
      service: detail.test === true || r.kind === 'cashbox-empty' || r.kind === 'hopper-refill',
    };
  });
}
