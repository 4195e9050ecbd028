/**
 * A Map that keeps only the `capacity` keys set most recently. What a desk remembers between
 * the commands of one session (the last slot search per prescription, the holds it took, the
 * campaigns' names) is dropped when the session ends, unless the screen that would drop it
 * never came (a citizen who walked away, a renderer reloaded): bounded, such leftovers cannot
 * grow with every citizen of a kiosk that runs for months.
 */
/** Entries a desk keeps of its sessions: far more than one citizen's searches and holds. */
export const SESSION_MEMORY = 64;

export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  /** Sets the key as the most recent; the least recent beyond the capacity is dropped. */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }
}
