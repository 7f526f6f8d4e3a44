/**
 * Sets `key` in a cache that holds at most `max` entries: when a new key would pass that, the oldest
 * entry (a Map keeps insertion order) makes room. Returns `value`.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max = 10_000): V {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}
