import { foldDiacritics, normalizeText } from '../text.js';

/** Words too common to carry meaning in a query; they are still matched inside quoted phrases. */
export const STOPWORDS = new Set(
  (
    'a an and are as at be by for from has have how in into is it its of on or that the their this to was were ' +
    'what when where which who will with about after before event events me my our show find any ' +
    // Question scaffolding ("was there anything we held on …"); "us" stays, it is also the US.
    'we you i did do does done had anything something everything there please can could would ' +
    // What an apostrophe leaves behind: America's, don't.
    's t'
  ).split(' '),
);

/**
 * Splits text into lower-case, diacritic-free words the way SQLite's unicode61 tokenizer does
 * (with remove_diacritics 2), so a query word and an indexed word compare equal.
 */
export function tokenize(text: string): string[] {
  // Folding leaves ASCII alone, so ASCII text skips it, and so does text that normalizing made ASCII
  // (curly quotes, no-break spaces): an import tokenizes every event's text.
  let folded = text;
  if (NON_ASCII.test(text)) {
    folded = normalizeText(text);
    if (NON_ASCII.test(folded)) folded = foldDiacritics(folded);
  }
  return lettersAndDigitRuns(folded.toLowerCase());
}

const NON_ASCII = /[^\x00-\x7f]/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * The runs of letters and digits (`/[\p{L}\p{N}]+/gu`), found by a loop that asks the Unicode regex
 * only about characters outside ASCII: three times faster than the regex over the whole text.
 */
function lettersAndDigitRuns(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let width = 1;
    let word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) width = 2;
      word = LETTER_OR_DIGIT.test(text.slice(i, i + width));
    }
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/** The words of a query that carry meaning. */
export function contentWords(words: string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w));
}
