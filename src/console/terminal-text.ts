/**
 * Text from the archive or a user, safe to print: C0/C1 control characters (ESC starts ANSI sequences)
 * and bidirectional overrides are removed; newlines and tabs stay.
 */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** ANSI styles, or plain text with an underline for headings. */
export interface Styles {
  bold(s: string): string;
  dim(s: string): string;
  warn(s: string): string;
  error(s: string): string;
  heading(s: string): string[];
}

/** The styles for a terminal with (`color`) or without colour. */
export function styles(color: boolean): Styles {
  const sgr = (open: number, close: number) => (s: string) =>
    color ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  const bold = sgr(1, 22);
  return {
    bold,
    dim: sgr(2, 22),
    warn: sgr(33, 39),
    error: sgr(31, 39),
    heading: (s) =>
      color ? [`\u001b[1;4m${s}\u001b[0m`] : [s, '─'.repeat(Math.min(60, Math.max(3, [...s].length)))],
  };
}
