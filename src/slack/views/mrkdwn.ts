/**
 * Text helpers for Slack's mrkdwn. Everything that comes from a user or from the archive goes through
 * `escapeMrkdwn` (or a helper that calls it), so `<!channel>`, `<@U123>` or `<http://evil|click>` typed
 * into a query or an event summary shows as text and never pings anyone or renders a disguised link.
 */

/**
 * Escapes the three characters Slack treats as control characters in text objects: `&`, `<`, `>`.
 * Slack asks for exactly these entities and decodes only these, so nothing else is touched.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ELLIPSIS = '…';
let graphemes: Intl.Segmenter | undefined;

/**
 * Shortens raw text to at most `max` UTF-16 units (the unit Slack's limits are checked against, and never
 * fewer than code points), ending with "…". Cuts after the last word when that keeps most of the text,
 * otherwise on a grapheme boundary, so a surrogate pair or an emoji sequence is never split. Truncate
 * raw text, then escape; or use {@link escapeTruncate}, which does both and keeps the result within `max`.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  const room = max - ELLIPSIS.length;
  let cut = hardCut(text, room);
  // Unless the cut already falls between words, go back to the last space if that keeps most of the text.
  const lastSpace = /\s/.test(text.charAt(cut.length)) ? -1 : cut.search(/\s\S*$/);
  if (lastSpace >= room * 0.6) cut = cut.slice(0, lastSpace);
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}${ELLIPSIS}`;
}

/** The longest prefix of whole graphemes that fits in `room` UTF-16 units. */
function hardCut(text: string, room: number): string {
  // Between two ASCII characters (other than CR LF) there is always a grapheme boundary.
  if (/^[\x00-\x7f]{2}$/.test(text.slice(room - 1, room + 1)) && text.slice(room - 1, room + 1) !== '\r\n') {
    return text.slice(0, room);
  }
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  // Only the tail near the cut needs segmenting; a grapheme is far shorter than 64 units in practice.
  const start = Math.max(0, room - 64);
  let end = start;
  for (const { segment, index } of graphemes.segment(text.slice(start, room + 64))) {
    if (start + index + segment.length > room) break;
    end = start + index + segment.length;
  }
  let cut = text.slice(0, end);
  // The window may have started inside a surrogate pair; never leave half of one.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

/**
 * Escapes raw text and keeps the escaped result within `max` characters. The cut is made on the raw text
 * before escaping, so it can never leave half an entity such as `&am`.
 */
export function escapeTruncate(text: string, max: number): string {
  let room = max;
  for (;;) {
    const escaped = escapeMrkdwn(truncate(text, room));
    if (escaped.length <= max || room <= 0) return escaped.length <= max ? escaped : '';
    // Shrink in proportion to how much escaping expanded the cut, so `&&&&…` still keeps a fifth.
    room = Math.min(room - 1, Math.floor((room * max) / escaped.length));
  }
}

/** Text on one line: newlines and tabs (which would break bold, links and list layout) become spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\t\v\f\u2028\u2029]+\s*/g, ' ').trim();
}

/** Bold mrkdwn of raw text, escaped, on one line. Empty text gives an empty string (`**` would show). */
export function bold(text: string): string {
  const flat = oneLine(text);
  return flat ? `*${escapeMrkdwn(flat)}*` : '';
}

/** The URL part of `<url|label>`: http(s) only, and nothing that could end or split the token. */
function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // `href` percent-encodes spaces, quotes, `<` and `>`; `|` would end the URL part, so encode it too.
  const href = parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return escapeMrkdwn(href);
}

/**
 * `<url|label>` for an http(s) URL, with the label escaped and any `|` in it replaced so it cannot
 * split the token. Anything else (javascript:, mailto:, garbage) is returned as plain escaped text.
 */
export function link(url: string, label: string): string {
  const href = safeUrl(url);
  const text = oneLine(label).replace(/\|/g, '¦');
  if (!href) return escapeMrkdwn(text || url);
  return text ? `<${href}|${escapeMrkdwn(text)}>` : `<${href}>`;
}

/** `{date_long_pretty} at {time}`: "Tomorrow at 7:00 PM", in each reader's own zone and clock style. */
export const DATE_TIME_FORMAT = '{date_long_pretty} at {time}';
/** `{date_short_pretty} at {time}`: "Dec 3 at 1:15 PM", for list items. */
export const SHORT_DATE_TIME_FORMAT = '{date_short_pretty} at {time}';

/**
 * Slack's date token `<!date^SECONDS^FORMAT|FALLBACK>`: each reader sees the time in their own zone.
 * The fallback (shown where the token cannot be rendered, such as notifications) is escaped, and the
 * format loses any character that would end or split the token.
 */
export function slackDate(ms: number, format: string, fallback: string): string {
  const seconds = Math.floor(ms / 1000);
  const safeFormat = format.replace(/[|^<>&\r\n]/g, '');
  const safeFallback = escapeMrkdwn(oneLine(fallback)).replace(/\|/g, '¦');
  return `<!date^${seconds}^${safeFormat}|${safeFallback}>`;
}
