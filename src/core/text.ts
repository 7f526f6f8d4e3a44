/** Lower-case ASCII slug: diacritics dropped, every other run of non-alphanumerics becomes one "-". */
export function slugify(text: string): string {
  return normalizeText(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
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
