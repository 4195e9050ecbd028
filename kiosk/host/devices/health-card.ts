import { HealthCardReader } from '@cup-kiosk/terminal-drivers/card';
import type { DeviceInput } from '../ports.ts';

export interface HealthCardDevice {
  close(): Promise<void>;
}

/**
 * The health card reader through the system's pcscd: each card read becomes one host event,
 * `card.inserted` with the citizen or `card.error` with its stable code; removal follows.
 * `presence` hears each reader pcscd lists or drops (the terminal's health).
 */
export async function openHealthCardDevice(emit: (e: DeviceInput) => void, presence: (reader: string, present: boolean) => void = () => {}): Promise<HealthCardDevice> {
  const reader = new HealthCardReader();
  reader.on('readerAttached', (e) => presence(e.reader, true));
  reader.on('readerRemoved', (e) => presence(e.reader, false));
  reader.on('inserted', (e) => emit({ type: 'card.inserted', citizen: e.citizen }));
  reader.on('error', (e) => emit({ type: 'card.error', code: e.code, message: e.message }));
  reader.on('removed', () => emit({ type: 'card.removed' }));
  await reader.start();
  return { close: () => reader.close() };
}
