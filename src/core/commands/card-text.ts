/** A card shows the summary's first sentence (two when the first is short), within this many characters. */
const CARD_SUMMARY_CHARS = 260;

/** The summary as a card shows it, for every door: "Read more" has the rest. Cut between words. */
export function shortSummary(summary: string): string {
  const flat = summary.replace(/\s+/g, ' ').trim();
  // A sentence ends at . ! or ? followed by a space or the end, so "upcoming-samples.ics" does not end one.
  const sentences = flat.match(/.+?[.!?]+(?=\s|$)/g) ?? [flat];
  let out = (sentences[0] ?? flat).trim();
  if (out.length < 120 && sentences[1]) out = `${out} ${sentences[1].trim()}`;
  if (out.length <= CARD_SUMMARY_CHARS) return out;
  const cut = out.slice(0, CARD_SUMMARY_CHARS - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > CARD_SUMMARY_CHARS * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
