import { describe, expect, it } from 'vitest';
import { afterWrongPin, checkPinHash, DEMO_SERVICE_PIN, demoPinHash, hashPin, isLocked, PIN_LOCKOUT_MS, pinMatches, UNLOCKED } from './service-pin.ts';

const NOW = new Date('2026-04-01T07:30:00.000Z');

describe('technician PIN hash', () => {
  it('matches the PIN it was made from and no other; each hash has its own salt', () => {
    const stored = hashPin('1357');
    expect(pinMatches('1357', stored)).toBe(true);
    expect(pinMatches('1358', stored)).toBe(false);
    expect(pinMatches('', stored)).toBe(false);
    expect(hashPin('1357')).not.toBe(stored);
    expect(pinMatches(DEMO_SERVICE_PIN, demoPinHash())).toBe(true);
    expect(demoPinHash()).toBe(demoPinHash());
  });

  it('refuses a hash it did not make', () => {
    expect(() => checkPinHash('246810')).toThrow(expect.objectContaining({ code: 'SERVICE_PIN_HASH_INVALID' }));
    expect(() => pinMatches('1', 'scrypt$1$2$3$zz$00')).toThrow(expect.objectContaining({ code: 'SERVICE_PIN_HASH_INVALID' }));
  });
});

describe('PIN lockout', () => {
  it('counts wrong PINs and locks at the fifth for five minutes, then counts from zero', () => {
    let lock = UNLOCKED;
    for (let i = 1; i <= 4; i++) {
      lock = afterWrongPin(lock, NOW);
      expect(lock).toEqual({ failures: i, lockedUntil: null });
      expect(isLocked(lock, NOW)).toBe(false);
    }
    lock = afterWrongPin(lock, NOW);
    expect(lock).toEqual({ failures: 0, lockedUntil: new Date(NOW.getTime() + PIN_LOCKOUT_MS).toISOString() });
    expect(isLocked(lock, new Date(NOW.getTime() + PIN_LOCKOUT_MS - 1))).toBe(true);
    const later = new Date(NOW.getTime() + PIN_LOCKOUT_MS);
    expect(isLocked(lock, later)).toBe(false);
    expect(afterWrongPin(lock, later)).toEqual({ failures: 1, lockedUntil: null });
  });
});
