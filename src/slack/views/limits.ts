import type { KnownBlock } from '@slack/types';

/**
 * Block Kit's documented limits. Slack rejects the whole message (`invalid_blocks`) when one is broken,
 * so the builders trim to stay inside them and the tests run {@link checkLimits} on every reply kind.
 * Lengths are counted in UTF-16 units, which is never less than Slack's character count.
 */
export const LIMITS = {
  blocks: 50,
  blockId: 255,
  actionId: 255,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  /** All text of one message together; past this Slack starts refusing or truncating messages. */
  messageText: 13_000,
} as const;

/** What the builders aim for in total, leaving head-room under {@link LIMITS.messageText}. */
export const TEXT_BUDGET = 11_500;

/** One broken limit: where (`blocks[3].text`), which limit, and by how much. */
export interface LimitViolation {
  path: string;
  limit: number;
  actual: number;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every text string the message shows (text objects, fields, labels, options), for the total budget. */
export function messageTextLength(blocks: readonly KnownBlock[]): number {
  return visibleTexts(blocks).reduce((sum, text) => sum + text.length, 0);
}

/** Every text a reader can see in the blocks: text objects anywhere (sections, fields, context, labels, options). */
export function visibleTexts(blocks: readonly KnownBlock[]): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!isObject(node)) return;
    if ((node.type === 'plain_text' || node.type === 'mrkdwn') && typeof node.text === 'string') {
      out.push(node.text);
      return;
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(blocks);
  return out;
}

/**
 * The limits `blocks` break, empty when Slack would accept them. Covers the block kinds the views use
 * (header, section, context, actions, divider) and the elements inside them (buttons, static selects).
 */
export function checkLimits(blocks: readonly KnownBlock[]): LimitViolation[] {
  const out: LimitViolation[] = [];
  const max = (path: string, limit: number, actual: number, what: string) => {
    if (actual > limit)
      out.push({ path, limit, actual, message: `${what} is ${actual}, over the limit of ${limit}` });
  };
  const text = (path: string, node: unknown, limit: number, what: string) => {
    if (!isObject(node) || typeof node.text !== 'string') {
      out.push({ path, limit, actual: 0, message: `${what} is missing` });
      return;
    }
    if (node.text.length === 0) out.push({ path, limit, actual: 0, message: `${what} is empty` });
    max(`${path}.text`, limit, node.text.length, what);
  };
  const element = (path: string, el: Json, actionIds: Set<string>) => {
    if (typeof el.action_id === 'string') {
      max(`${path}.action_id`, LIMITS.actionId, el.action_id.length, 'action_id length');
      if (actionIds.has(el.action_id)) {
        out.push({
          path,
          limit: 1,
          actual: 2,
          message: `action_id "${el.action_id}" repeats within its block`,
        });
      }
      actionIds.add(el.action_id);
    }
    if (el.type === 'button') {
      text(`${path}.text`, el.text, LIMITS.buttonText, 'button text');
      if (typeof el.value === 'string')
        max(`${path}.value`, LIMITS.buttonValue, el.value.length, 'button value');
      if (typeof el.url === 'string') max(`${path}.url`, LIMITS.buttonUrl, el.url.length, 'button url');
    }
    if (el.type === 'static_select' || el.type === 'overflow') {
      if (el.placeholder !== undefined)
        text(`${path}.placeholder`, el.placeholder, LIMITS.placeholder, 'placeholder');
      const options = Array.isArray(el.options) ? el.options : [];
      max(`${path}.options`, LIMITS.selectOptions, options.length, 'option count');
      options.forEach((option, i) => {
        if (!isObject(option)) return;
        text(`${path}.options[${i}].text`, option.text, LIMITS.optionText, 'option text');
        if (typeof option.value === 'string') {
          max(`${path}.options[${i}].value`, LIMITS.optionValue, option.value.length, 'option value');
        }
      });
    }
  };

  max('blocks', LIMITS.blocks, blocks.length, 'block count');
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    const b = block as unknown as Json;
    if (typeof b.block_id === 'string') {
      max(`${path}.block_id`, LIMITS.blockId, b.block_id.length, 'block_id length');
      if (blockIds.has(b.block_id)) {
        out.push({ path, limit: 1, actual: 2, message: `block_id "${b.block_id}" repeats in the message` });
      }
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        text(`${path}.text`, b.text, LIMITS.headerText, 'header text');
        break;
      case 'section': {
        const fields = Array.isArray(b.fields) ? b.fields : undefined;
        if (b.text === undefined && !fields)
          out.push({ path, limit: 1, actual: 0, message: 'section has no text' });
        if (b.text !== undefined) text(`${path}.text`, b.text, LIMITS.sectionText, 'section text');
        if (fields) {
          max(`${path}.fields`, LIMITS.sectionFields, fields.length, 'field count');
          for (const [j, f] of fields.entries())
            text(`${path}.fields[${j}]`, f, LIMITS.fieldText, 'field text');
        }
        if (isObject(b.accessory)) element(`${path}.accessory`, b.accessory, new Set());
        break;
      }
      case 'context': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0)
          out.push({ path, limit: 1, actual: 0, message: 'context has no elements' });
        max(`${path}.elements`, LIMITS.contextElements, elements.length, 'context element count');
        elements.forEach((el, j) => {
          if (isObject(el) && el.type !== 'image')
            text(`${path}.elements[${j}]`, el, LIMITS.contextText, 'context text');
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0)
          out.push({ path, limit: 1, actual: 0, message: 'actions has no elements' });
        max(`${path}.elements`, LIMITS.actionsElements, elements.length, 'actions element count');
        const ids = new Set<string>();
        elements.forEach((el, j) => {
          if (isObject(el)) element(`${path}.elements[${j}]`, el, ids);
        });
        break;
      }
      default:
        break;
    }
  });
  max('message', LIMITS.messageText, messageTextLength(blocks), 'total text length');
  return out;
}
