import type { KnownBlock } from '@slack/types';
import { visibleTexts } from '../../../src/slack/views/limits.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every text a reader can see in the blocks; the same walk the limits use for their text budget. */
export const texts = visibleTexts;

/** Every interactive element with its action id and the raw value it would send back. */
export function interactives(
  blocks: readonly KnownBlock[],
): { type: string; actionId: string; label: string; values: string[] }[] {
  const out: { type: string; actionId: string; label: string; values: string[] }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isObject(node)) return;
    if (typeof node.action_id === 'string') {
      const options = Array.isArray(node.options) ? (node.options as Json[]) : [];
      const label = isObject(node.text)
        ? String(node.text.text)
        : isObject(node.placeholder)
          ? String(node.placeholder.text)
          : '';
      out.push({
        type: String(node.type),
        actionId: node.action_id,
        label,
        values: typeof node.value === 'string' ? [node.value] : options.map((o) => String(o.value)),
      });
      return;
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(blocks);
  return out;
}

/** Removes the tokens the bot itself writes: date tokens, user mentions for sharers, and `<http…|label>` links. */
export function withoutBotTokens(text: string): string {
  return text
    .replace(/<!date\^-?\d+\^[^|<>^]+\|[^<>|]*>/g, '')
    .replace(/<@[UW][A-Z0-9]+>/g, '')
    .replace(/<https?:\/\/[^|<>\s]+\|[^<>|]*>/g, '');
}

/** The `<http…>` links in a text, as `{ url, label }`. */
export function links(text: string): { url: string; label: string }[] {
  return [...text.matchAll(/<(https?:\/\/[^|<>\s]+)\|([^<>|]*)>/g)].map((m) => ({ url: m[1], label: m[2] }));
}

/**
 * How many characters a reader sees: every text of the blocks with the bot's tokens as Slack shows them
 * (a date token as its fallback, a link as its label, a mention as a short name) and entities decoded.
 */
export function visibleChars(blocks: readonly KnownBlock[]): number {
  return texts(blocks)
    .map((t) =>
      t
        .replace(/<!date\^-?\d+\^[^|<>^]+\|([^<>|]*)>/g, '$1')
        .replace(/<@[UW][A-Z0-9]+>/g, '@someone')
        .replace(/<https?:\/\/[^|<>\s]+\|([^<>|]*)>/g, '$1')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    )
    .reduce((sum, t) => sum + t.length, 0);
}
