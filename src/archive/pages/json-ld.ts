import type { DefaultTreeAdapterTypes } from 'parse5';
import type { Problem } from '../types.js';
import { attr, elements, lineOf, textContent } from './dom.js';

/** A schema.org node as JSON-LD writes it (microdata items are read into the same shape). */
export type SchemaNode = Record<string, unknown>;

/** A found node and the line of the script or element it came from. */
export interface Found {
  node: SchemaNode;
  line: number;
}

/**
 * Every node of every `application/ld+json` script: top-level arrays, `@graph` lists and nested
 * objects alike, so an Event inside a CMS's `@graph` or an `itemListElement` is found too. A script
 * that is not JSON is a problem at its line.
 */
export function jsonLdNodes(
  document: DefaultTreeAdapterTypes.Document,
  file: string,
): { nodes: Found[]; problems: Problem[] } {
  const nodes: Found[] = [];
  const problems: Problem[] = [];
  for (const element of elements(document)) {
    if (element.tagName !== 'script') continue;
    const type = (attr(element, 'type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    const text = textContent(element).trim();
    if (!text) continue;
    const line = lineOf(element);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ file, line, field: 'JSON-LD', message: `not valid JSON (${reason.slice(0, 160)})` });
      continue;
    }
    for (const node of flatten(data)) nodes.push({ node, line });
  }
  return { nodes, problems };
}

/** Objects at any depth, outermost first. */
function flatten(value: unknown, out: SchemaNode[] = [], depth = 0): SchemaNode[] {
  if (depth > 20) return out;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, out, depth + 1);
  } else if (value && typeof value === 'object') {
    out.push(value as SchemaNode);
    for (const child of Object.values(value)) flatten(child, out, depth + 1);
  }
  return out;
}
