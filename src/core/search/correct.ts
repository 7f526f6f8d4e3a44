import { stemmer } from 'stemmer';
import type { SearchIndex } from '../ports/search.js';
import { editDistance } from './edit-distance.js';
import { FIELD_ACRONYMS, synonymsOf } from './field-terms.js';
import { ordinalForms } from './ordinals.js';

/** How a typed word was understood: as itself, as the start of longer words, as a typo, or not at all. */
export interface WordReading {
  typed: string;
  /** Archive words to search for instead; empty when the word is unknown. */
  terms: string[];
  kind: 'exact' | 'prefix' | 'typo' | 'unknown';
  /** How sure we are that `terms` is what was meant, 0..1. */
  confidence: number;
  /** How many events use any of `terms`, at most (the sum of their document counts). */
  df: number;
}

const TYPO_CANDIDATES = 60;

/** Largest edit distance we correct: short words allow one slip, longer words two. */
export function maxEdits(word: string): number {
  if (word.length <= 3) return 0;
  if (word.length <= 6) return 1;
  return 2;
}

/**
 * Reads one query word against the archive's own vocabulary: a known word stays; an unknown one is
 * corrected to the closest words (fewest edits, then most used) or completed as a prefix, unless
 * `correct` is false (the request's corrections are used up: see work-limits.ts).
 */
export function readWord(word: string, index: SearchIndex, options: { correct?: boolean } = {}): WordReading {
  const reading = readSpelling(word, index, options.correct !== false);
  if (!reading.terms.length) return { ...reading, df: 0 };
  const synonyms = synonymsOf(reading.terms[0]).filter((t) => index.termFrequency(t) > 0);
  const terms = [...new Set([...withStemSiblings(reading.terms, index), ...synonyms])].slice(
    0,
    MAX_ALTERNATIVES + 2,
  );
  return { ...reading, terms, df: terms.reduce((sum, t) => sum + index.termFrequency(t), 0) };
}

/** Most archive words one typed word may stand for, after stem widening. */
const MAX_ALTERNATIVES = 6;

/**
 * The index holds words as written, so "peacekeepers" would miss "peacekeeping". Each term is widened
 * to the archive's words with the same Porter stem (found by a prefix scan of the vocabulary).
 */
export function withStemSiblings(terms: string[], index: SearchIndex): string[] {
  const out = new Set(terms);
  for (const term of terms) {
    const stem = stemmer(term);
    if (stem.length < 4) continue;
    for (const sibling of index.termsWithPrefix(stem, 12)) {
      if (out.size >= MAX_ALTERNATIVES) break;
      if (stemmer(sibling.term) === stem && closeEnough(term, sibling.term)) out.add(sibling.term);
    }
  }
  return [...out];
}

/** Endings that make another form of the same word: plural, -ed, -ing, -er(s), -ion(s), -y/-ies. */
const INFLECTIONS = new Set(['', 's', 'es', 'ed', 'ing', 'er', 'ers', 'ion', 'ions', 'y', 'ies', 'e']);

/**
 * Porter over-stems: "internally"/"international" share "intern" and "units"/"united" share "unit".
 * Siblings must be the same word with another inflectional ending.
 */
function closeEnough(a: string, b: string): boolean {
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return INFLECTIONS.has(a.slice(common)) && INFLECTIONS.has(b.slice(common));
}

/**
 * A correction two edits away must be a word at least this many events use: a rare word that far off
 * is more often noise than what was meant ("xylophone" is not a misspelt "xenophobe").
 */
const MIN_DF_TWO_EDITS = 2;

function readSpelling(word: string, index: SearchIndex, correct: boolean): Omit<WordReading, 'df'> {
  // "12th" and "twelfth" are one ordinal: either spelling finds the events that use the other.
  const ordinal = ordinalForms(word).filter((w) => index.termFrequency(w) > 0);
  if (index.termFrequency(word) > 0)
    return { typed: word, terms: [word, ...ordinal], kind: 'exact', confidence: 1 };
  if (ordinal.length) return { typed: word, terms: ordinal, kind: 'exact', confidence: 1 };
  // A plural acronym ("IDPs", "SDGs") is its singular, which the index holds.
  if (
    /^[a-z0-9]{2,6}s$/.test(word) &&
    index.termFrequency(word.slice(0, -1)) > 0 &&
    FIELD_ACRONYMS.has(word.slice(0, -1))
  )
    return { typed: word, terms: [word.slice(0, -1)], kind: 'exact', confidence: 1 };
  // Numbers, ordinals and codes (3, 10th, g20, 2250) mean exactly what they say: never corrected.
  if (/\d/.test(word) || !correct) return { typed: word, terms: [], kind: 'unknown', confidence: 0 };
  const max = maxEdits(word);
  if (max > 0) {
    let best = max + 1;
    let found: { term: string; df: number }[] = [];
    for (const candidate of index.similarTerms(word, TYPO_CANDIDATES)) {
      // Never towards numbers, nor towards words of three letters or fewer ("news" is not "new").
      if (/\d/.test(candidate.term) || candidate.term.length < 4) continue;
      const d = editDistance(word, candidate.term, max);
      if (d === 2 && candidate.df < MIN_DF_TWO_EDITS) continue;
      if (d < best) {
        best = d;
        found = [candidate];
      } else if (d === best && d <= max) found.push(candidate);
    }
    if (best <= max) {
      const terms = found
        .sort((a, b) => b.df - a.df)
        .slice(0, 3)
        .map((c) => c.term);
      const confidence = best === 1 ? (word.length >= 5 ? 0.75 : 0.6) : 0.5;
      return { typed: word, terms, kind: 'typo', confidence };
    }
  }
  if (word.length >= 4) {
    const completions = index.termsWithPrefix(word, 3);
    if (completions.length) {
      return { typed: word, terms: completions.map((c) => c.term), kind: 'prefix', confidence: 0.8 };
    }
  }
  return { typed: word, terms: [], kind: 'unknown', confidence: 0 };
}

/** Close archive words for a word nobody could correct, for "did you mean" (a looser distance). */
export function nearWords(word: string, index: SearchIndex, limit = 3): string[] {
  const max = Math.max(2, Math.min(3, Math.floor(word.length / 3)));
  return index
    .similarTerms(word, TYPO_CANDIDATES)
    .map((c) => ({ ...c, d: editDistance(word, c.term, max) }))
    .filter((c) => c.d <= max)
    .sort((a, b) => a.d - b.d || b.df - a.df)
    .slice(0, limit)
    .map((c) => c.term);
}
