/**
 * How much a request may ask for, checked before any search: fuzzy matching costs grow with the length
 * of what is matched, and one 10,000-character `speaker:` value once held a worker for 24 s.
 */

/** Characters after `/event` (searches, reminders and subscriptions alike). */
export const MAX_COMMAND_CHARS = 500;
/** Characters in one `speaker:`, `host:`, `theme:`, `type:`, `before:` or `after:` value. */
export const MAX_FILTER_CHARS = 80;
/** Characters in one word: no title, name or theme has a longer one. */
export const MAX_WORD_CHARS = 40;

const FILTER = /\b(type|speaker|host|theme|before|after):\s*("([^"]*)"|\S+)/gi;

/**
 * What to tell the user when `text` asks for more than a request may, or undefined when it is within
 * bounds. The message says what to type instead.
 */
export function inputTooLarge(text: string): string | undefined {
  const length = [...text].length;
  if (length > MAX_COMMAND_CHARS) {
    return `That's too long for me (${length} characters; at most ${MAX_COMMAND_CHARS}). Try a few words from the title, or a filter such as \`speaker:Guterres\`.`;
  }
  for (const match of text.matchAll(FILTER)) {
    const key = (match[1] ?? '').toLowerCase();
    const value = match[3] ?? match[2] ?? '';
    if ([...value].length > MAX_FILTER_CHARS) {
      return `That \`${key}:\` value is too long (at most ${MAX_FILTER_CHARS} characters). Try one name, like \`${key}:${EXAMPLE[key] ?? 'peace'}\`.`;
    }
  }
  const chars = (w: string) => [...w].length;
  // A pasted link is looked up as an event id, not matched word by word.
  const tooLong = text
    .replace(FILTER, ' ')
    .split(/\s+/)
    .some((w) => chars(w) > MAX_WORD_CHARS && !w.includes('://'));
  if (tooLong) {
    return `One of those words is too long to match anything (at most ${MAX_WORD_CHARS} characters). Try the main words of the title.`;
  }
  return undefined;
}

const EXAMPLE: Record<string, string> = {
  speaker: 'Guterres',
  host: '"Security Council Report"',
  theme: 'humanitarian',
  type: 'panel',
  before: '2014-10-09',
  after: '"march 2019"',
};
