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

/**
 * The spellings a stored event URL may have for a pasted one: http or https, with or without www and
 * a trailing slash, with and without its query (Slack and browsers add tracking parameters).
 */
export function urlVariants(pasted: string): string[] {
  const match = /^(?:https?:\/\/)?(?:www\.)?([^?#]*?)\/?(\?[^#]*)?(?:#.*)?$/i.exec(
    pasted.trim().replace(/^<|>$/g, ''),
  );
  if (!match) return [pasted];
  const [, rest, query = ''] = match;
  const out = new Set<string>();
  for (const scheme of ['https://', 'http://'])
    for (const www of ['', 'www.'])
      for (const slash of ['', '/'])
        for (const q of query ? [query, ''] : ['']) out.add(`${scheme}${www}${rest}${slash}${q}`);
  return [...out];
}
