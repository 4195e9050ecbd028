import type { Booking } from '@cup-kiosk/sync-service/domain';
import type { BookingSlipData, CancellationSlipData } from '@cup-kiosk/terminal-drivers/printer';

/** How the slip tells the citizen to cancel (the region's CUP line; configuration in a real region). */
export const SLIP_CANCEL = { phone: '800 098 543', hoursBefore: 48 } as const;

const servicesOf = (booking: Booking) => booking.prescriptions.flatMap((p) => p.services.map((s) => ({ code: s.code, description: s.description })));

/** What a booking's slip prints: where, when, the services, how to cancel. */
export function bookingSlipData(booking: Booking): BookingSlipData {
  return {
    bookingCode: booking.code,
    taxCode: booking.taxCode,
    providerName: booking.provider.name,
    placeName: booking.place.name,
    placeAddress: booking.place.address,
    startsAt: booking.startsAt,
    services: servicesOf(booking),
    cancel: SLIP_CANCEL,
  };
}

/** What a cancellation receipt prints. */
export function cancellationSlipData(booking: Booking, c: Pick<CancellationSlipData, 'cancelledAt' | 'timing' | 'refund' | 'terminalId'>): CancellationSlipData {
  return { bookingCode: booking.code, taxCode: booking.taxCode, providerName: booking.provider.name, placeName: booking.place.name, startsAt: booking.startsAt, services: servicesOf(booking), ...c };
}

/** Prints with a printer call; a printer that fails loses nothing but paper, and says why. */
export async function printed(print: () => Promise<{ text: string; svg: string }> | undefined): Promise<{ slip: { text: string; svg: string } | null; slipError?: { code: string; message: string } }> {
  try {
    const slip = await print();
    return slip ? { slip } : { slip: null, slipError: { code: 'PRINTER_FAILED', message: 'this printer prints no such slip' } };
  } catch (e) {
    const code = typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'PRINTER_FAILED';
    return { slip: null, slipError: { code, message: (e as Error).message } };
  }
}
