import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A key of the on-screen keypad: a digit, `del` or `ok`. */
export type KeypadKey = string;

/**
 * The kiosk's physical keypad (or a keyboard) typing into an on-screen keypad while its screen is
 * shown: digits as digits, Backspace as `del`, Enter as `ok`.
 */
export class PhysicalKeypad implements ReactiveController {
  private readonly onKey = (e: KeyboardEvent): void => {
    if (/^\d$/.test(e.key) || this.extraKeys.includes(e.key)) this.press(e.key);
    else if (e.key === 'Backspace') this.press('del');
    else if (e.key === 'Enter') this.press('ok');
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly press: (key: KeypadKey) => void,
    /** Other characters the screen takes as typed (`+` for a phone number). */
    private readonly extraKeys: readonly string[] = [],
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKey);
  }
}
