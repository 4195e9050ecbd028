/**
 * The screens of cancelling or moving a booking, loaded on first use: most citizens never
 * change a booking, so the kiosk's first download does not carry them.
 */
import './screen-my-bookings.ts';
import './screen-manage-booking.ts';
import './screen-move-hold.ts';
import './screen-manage-done.ts';
