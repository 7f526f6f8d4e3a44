/** Lower-case ASCII slug: diacritics dropped, every other run of non-alphanumerics becomes one "-". */
export function slugify(text: string): string {
  return foldDiacritics(normalizeText(text))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Text as scraped pages and office tools write it, made plain: non-breaking and odd spaces become
 * spaces, curly quotes and apostrophes become straight ones. Dashes are kept.
 */
export function normalizeText(text: string): string {
  // One pass: importing tokenizes every event's text through here.
  return text.replace(ODD_CHARACTERS, (c) => {
    if (c === '\u200b' || c === '\ufeff') return '';
    if (/[\u2018\u2019\u201a\u201b\u2032]/.test(c)) return "'";
    if (/[\u201c\u201d\u201e\u201f\u2033]/.test(c)) return '"';
    return ' ';
  });
}

const ODD_CHARACTERS =
  /[\u00a0\u2000-\u200a\u202f\u205f\u3000\u200b\ufeff\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033]/g;

/**
 * The initials people use for an organisation, e.g. "International Peace Institute" → "IPI" and
 * "Vienna Center for Disarmament and Non-Proliferation" → "VCDNP". Only for names of three or more
 * capitalised words; small linking words are skipped.
 */
export function acronymOf(name: string): string | undefined {
  const initials = normalizeText(name)
    .split(/[\s\-–/]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0]);
  return initials.length >= 3 ? initials.join('') : undefined;
}

/** Letters without their accents, including those NFKD leaves whole (ø, æ, ß, đ, ł). */
export function foldDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036føØæÆßđĐłŁ]/g, (c) => WHOLE_LETTER_FOLDS[c] ?? '');
}

/** What the letters NFKD leaves whole fold to; combining marks (U+0300–U+036F) fold to nothing. */
const WHOLE_LETTER_FOLDS: Record<string, string> = {
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
};
