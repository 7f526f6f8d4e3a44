/** A 32-bit FNV-1a hash of a url, indexed instead of the url itself; lookups compare the url in full after. */
export function urlKey(url: string | null | undefined): number | null {
  if (url === null || url === undefined) return null;
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    h ^= url.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
