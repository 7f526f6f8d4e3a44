const WORDS = [
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth',
  'fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth',
]
  .join(' ')
  .split(' ');
const TENS: Record<number, string> = {
  30: 'thirtieth',
  40: 'fortieth',
  50: 'fiftieth',
  60: 'sixtieth',
  70: 'seventieth',
  80: 'eightieth',
  90: 'ninetieth',
  100: 'hundredth',
};
const BY_WORD = new Map<string, number>([
  ...WORDS.map((w, i) => [w, i + 1] as const),
  ...Object.entries(TENS).map(([n, w]) => [w, Number(n)] as const),
]);

/**
 * The other way of writing an ordinal: "12th" and "twelfth", "75th" has no one-word form. Archives
 * write editions both ways ("the twelfth PeaceCon", "12th Annual Forum"), so each finds the other.
 */
export function ordinalForms(word: string): string[] {
  const numeric = /^(\d{1,3})(?:st|nd|rd|th)$/.exec(word);
  if (numeric) {
    const n = Number(numeric[1]);
    const name = n >= 1 && n <= 20 ? WORDS[n - 1] : TENS[n];
    return name ? [name] : [];
  }
  const n = BY_WORD.get(word);
  if (n === undefined) return [];
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return [`${n}${suffix}`];
}
