import type {
  ActionsBlock,
  ActionsBlockElement,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from '@slack/types';
import { LIMITS } from './limits.js';
import { escapeTruncate, oneLine } from './mrkdwn.js';

/** Room for text in one section, leaving space for a closing "…and N more" line. */
export const SECTION_ROOM = LIMITS.sectionText - 100;

/**
 * mrkdwn text object. `verbatim: true` stops Slack's automatic parsing of bare URLs, `#channel` names
 * and `@here`-style words in archive text; the bot's own `<url|label>` and `<!date^…>` still render.
 */
export function md(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** plain_text object from raw text: escaped (Slack decodes the three entities in every text object). */
export function plain(raw: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: escapeTruncate(oneLine(raw), max) || ' ', emoji: true };
}

/** A section of mrkdwn, with an optional accessory. */
export function section(text: string, extra: Partial<SectionBlock> = {}): SectionBlock {
  return { type: 'section', text: md(text), ...extra };
}

/** A header block from raw text, cut to Slack's 150-character header limit. */
export function header(raw: string, blockId?: string): HeaderBlock {
  return { type: 'header', text: plain(raw, LIMITS.headerText), ...(blockId ? { block_id: blockId } : {}) };
}

/** A context block of mrkdwn lines (already escaped); empty lines are dropped, at most 10 kept. */
export function context(lines: string[], blockId?: string): ContextBlock | undefined {
  const elements = lines.filter((l) => l.trim().length > 0).slice(0, LIMITS.contextElements);
  if (elements.length === 0) return undefined;
  return { type: 'context', elements: elements.map(md), ...(blockId ? { block_id: blockId } : {}) };
}

/** An actions block, or nothing when no element survived (Slack refuses an empty one). */
export function actions(
  elements: (ActionsBlockElement | undefined)[],
  blockId?: string,
): ActionsBlock | undefined {
  const kept = elements
    .filter((e): e is ActionsBlockElement => e !== undefined)
    .slice(0, LIMITS.actionsElements);
  if (kept.length === 0) return undefined;
  return { type: 'actions', elements: kept, ...(blockId ? { block_id: blockId } : {}) };
}

/** Drops the `undefined`s optional parts leave behind. */
export function compact(blocks: (KnownBlock | undefined)[]): KnownBlock[] {
  return blocks.filter((b): b is KnownBlock => b !== undefined);
}
