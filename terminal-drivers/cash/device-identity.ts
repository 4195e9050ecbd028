import type { CcTalkBus } from './bus.ts';
import { Header } from './headers.ts';

/** What every ccTalk peripheral tells about itself (245, 246, 244, 242). */
export interface DeviceIdentity {
  category: string;
  manufacturer: string;
  product: string;
  /** Serial number, 3 bytes LSB first on the wire. */
  serial: number;
}

/** ASCII reply data without the padding some devices add. */
export const asciiData = (d: Uint8Array): string => Buffer.from(d).toString('latin1').trim();

/** The serial number of a 242 reply: 3 bytes, least significant first. */
export const serialFrom = (s: Uint8Array): number => (s[0] ?? 0) | ((s[1] ?? 0) << 8) | ((s[2] ?? 0) << 16);

/** Reads the identity of the device at `address`; rejects with the bus error when it does not answer. */
export async function readDeviceIdentity(bus: CcTalkBus, address: number): Promise<DeviceIdentity> {
  const category = asciiData(await bus.request(address, Header.REQUEST_EQUIPMENT_CATEGORY));
  const manufacturer = asciiData(await bus.request(address, Header.REQUEST_MANUFACTURER_ID));
  const product = asciiData(await bus.request(address, Header.REQUEST_PRODUCT_CODE));
  const serial = serialFrom(await bus.request(address, Header.REQUEST_SERIAL_NUMBER));
  return { category, manufacturer, product, serial };
}
