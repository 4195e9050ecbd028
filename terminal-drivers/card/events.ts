import type { Citizen, CupError } from '@cup-kiosk/sync-service/domain';

/**
 * The events of `HealthCardReader`. A card read reports its outcome once: `inserted` or
 * `error`. `removed` always follows the card leaving the reader, after any CARD_REMOVED error.
 */
export interface HealthCardEvents {
  /** A reader appeared in pcscd (also each reader present at start). */
  readerAttached: { reader: string };
  /** A reader left pcscd (unplugged, or its driver stopped). */
  readerRemoved: { reader: string };
  /** A card is in the reader and is being read: the screen can say "reading your card". */
  reading: { reader: string; atr: string };
  /** The card was read and its citizen checked. `elapsedMs` runs from the card seen to the citizen parsed. */
  inserted: { reader: string; citizen: Citizen; atr: string; elapsedMs: number; apduCount: number };
  /** The card left the reader. */
  removed: { reader: string };
  /**
   * A card that could not be read, with its stable code (CARD_DATA_CORRUPT, CARD_EXPIRED,
   * CARD_NOT_TS_CNS, CARD_MUTE, CARD_REMOVED, CARD_IO_ERROR), or a failure of pcscd itself
   * (PCSC_FAILED, no reader). An expired card carries its citizen.
   */
  error: { reader: string | undefined; code: string; message: string; citizen?: Citizen; error: CupError };
}

export type HealthCardEventName = keyof HealthCardEvents;
export type Listener<K extends HealthCardEventName> = (event: HealthCardEvents[K]) => void;

/**
 * A small typed emitter. Not Node's EventEmitter: there an `error` event with no listener
 * throws, and a kiosk with no error screen wired yet must not crash on a bad card.
 */
export class TypedEvents {
  private readonly listeners = new Map<HealthCardEventName, Set<(event: never) => void>>();

  on<K extends HealthCardEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as (event: never) => void);
    return () => this.off(name, listener);
  }

  off<K extends HealthCardEventName>(name: K, listener: Listener<K>): void {
    this.listeners.get(name)?.delete(listener as (event: never) => void);
  }

  /** Resolves with the next event `name` for which `match` holds. */
  next<K extends HealthCardEventName>(name: K, match: (event: HealthCardEvents[K]) => boolean = () => true): Promise<HealthCardEvents[K]> {
    return new Promise((resolve) => {
      const off = this.on(name, (event) => {
        if (!match(event)) return;
        off();
        resolve(event);
      });
    });
  }

  protected emit<K extends HealthCardEventName>(name: K, event: HealthCardEvents[K]): void {
    for (const listener of [...(this.listeners.get(name) ?? [])]) {
      try {
        (listener as Listener<K>)(event);
      } catch (e) {
        // A throwing listener is a bug in its owner: rethrow it outside the driver, so the other
        // listeners still hear the event and the reader's state stays whole.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }
}
