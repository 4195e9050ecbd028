import { describe, expect, it } from 'vitest';
import { RecentMap } from './recent-map.ts';

describe('RecentMap', () => {
  it('keeps the keys set most recently, dropping the oldest beyond its capacity', () => {
    const m = new RecentMap<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c', 'd'].entries()) m.set(k, i);
    expect([m.has('a'), m.get('b'), m.get('d'), m.size]).toEqual([false, 1, 3, 3]);
  });

  it('counts setting a key again as recent, and a deleted key as gone', () => {
    const m = new RecentMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('a', 10).set('c', 3);
    expect([m.get('a'), m.has('b'), m.get('c')]).toEqual([10, false, 3]);
    expect(m.delete('a')).toBe(true);
    m.set('d', 4);
    expect([m.has('c'), m.has('d'), m.size]).toEqual([true, true, 2]);
  });

  it('refuses a capacity that is not a positive whole number', () => {
    expect(() => new RecentMap(0)).toThrow(RangeError);
    expect(() => new RecentMap(1.5)).toThrow(RangeError);
  });
});
