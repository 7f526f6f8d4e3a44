import { describe, expect, it } from 'vitest';
import { setBounded } from '../../src/core/bounded-map.js';

describe('setBounded', () => {
  it('lets the oldest entry go when a new key would pass the bound, and returns the value', () => {
    const map = new Map<string, number>();
    expect(setBounded(map, 'a', 1, 2)).toBe(1);
    setBounded(map, 'b', 2, 2);
    setBounded(map, 'c', 3, 2);
    expect([...map.entries()]).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('replaces a key already held without evicting anything', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    setBounded(map, 'a', 9, 2);
    expect(Object.fromEntries(map)).toEqual({ a: 9, b: 2 });
  });
});
