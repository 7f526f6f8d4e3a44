import type { Problem } from '../types.js';

/** `scheme://…`: an archive entry that names a URL rather than a path (`C:\…` has no `//`). */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A calendar feed named in EVENT_ARCHIVE: `name` is how its events' source reads, `url` what is fetched. */
export interface FeedUrl {
  /** As configured (webcal kept), with any password hidden: the source of its events and the name in messages. */
  name: string;
  /** What fetch requests: webcal becomes https. */
  url: string;
}

/** True when an archive entry is a URL (a feed, or a scheme we refuse), not a file or folder path. */
export function isUrlEntry(entry: string): boolean {
  return URL_LIKE.test(entry.trim());
}

/**
 * Reads a feed entry. Only http, https and webcal are fetched; webcal (Apple's and Outlook's name for a
 * subscribed calendar) is fetched over https, since a calendar that publishes webcal links serves TLS.
 */
export function parseFeedUrl(entry: string): { ok: true; feed: FeedUrl } | { ok: false; problem: Problem } {
  const text = entry.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return refuse(text, 'is not a valid URL');
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'webcal') {
    return refuse(
      text,
      `${scheme}: feeds are not fetched; use an http://, https:// or webcal:// calendar URL, or the path of a local file`,
    );
  }
  // URL's protocol setter cannot turn a non-special scheme (webcal) into a special one (https).
  const url =
    scheme === 'webcal' ? new URL(`https:${parsed.href.slice(parsed.protocol.length)}`).href : parsed.href;
  return { ok: true, feed: { name: displayUrl(parsed), url } };
}

/** A URL for messages and sources: a password in it is replaced by `***`, so it never reaches a log. */
function displayUrl(url: URL): string {
  if (!url.password) return url.href;
  const shown = new URL(url.href);
  shown.password = '***';
  return shown.href;
}

function refuse(entry: string, message: string): { ok: false; problem: Problem } {
  const shown = URL.canParse(entry) ? displayUrl(new URL(entry)) : entry;
  return { ok: false, problem: { file: shown, line: 0, message } };
}
