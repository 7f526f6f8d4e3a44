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
  return text
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
}

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
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, (c) => (c === 'ø' ? 'o' : 'O'))
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[łŁ]/g, (c) => (c === 'ł' ? 'l' : 'L'));
}
