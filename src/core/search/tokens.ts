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
  return (
    foldDiacritics(normalizeText(text))
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The words of a query that carry meaning. */
export function contentWords(words: string[]): string[] {
  return words.filter((w) => !STOPWORDS.has(w));
}
