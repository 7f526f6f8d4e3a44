import type { DefaultTreeAdapterTypes } from 'parse5';
import { attr, childrenOf, type Element, elements, isElement, lineOf, textContent } from './dom.js';
import type { Found, SchemaNode } from './json-ld.js';

/** Elements whose microdata value is a URL attribute (HTML's microdata algorithm, "property value"). */
const URL_ATTRIBUTE: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  img: 'src',
  audio: 'src',
  video: 'src',
  source: 'src',
  track: 'src',
  iframe: 'src',
  embed: 'src',
  object: 'data',
};

/**
 * Top-level microdata items (`itemscope` with an `itemtype`, not itself a property of another item),
 * read into the JSON-LD shape: `@type` from the itemtype, each `itemprop` a value or a nested item.
 */
export function microdataItems(document: DefaultTreeAdapterTypes.Document): Found[] {
  const found: Found[] = [];
  for (const element of elements(document)) {
    if (!hasAttr(element, 'itemscope') || hasAttr(element, 'itemprop')) continue;
    found.push({ node: readItem(element, 0), line: lineOf(element) });
  }
  return found;
}

function readItem(scope: Element, depth: number): SchemaNode {
  const node: SchemaNode = {};
  const types = (attr(scope, 'itemtype') ?? '').split(/\s+/).filter(Boolean);
  if (types.length) node['@type'] = types.length === 1 ? types[0] : types;
  collectProperties(scope, node, depth);
  return node;
}

/** Walks down from an item, stopping at nested items (their properties are their own). */
function collectProperties(parent: Element, node: SchemaNode, depth: number): void {
  for (const child of childrenOf(parent)) {
    if (!isElement(child)) continue;
    const names = (attr(child, 'itemprop') ?? '').split(/\s+/).filter(Boolean);
    const nested = hasAttr(child, 'itemscope');
    if (names.length) {
      const value = nested && depth < 10 ? readItem(child, depth + 1) : propertyValue(child);
      for (const name of names) {
        const existing = node[name];
        node[name] =
          existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
      }
    }
    if (!nested) collectProperties(child, node, depth);
  }
}

/** HTML's property value, plus `content` on any element (pages put it on divs and spans, as schema.org's own examples do). */
function propertyValue(element: Element): string {
  const content = attr(element, 'content');
  if (content !== undefined) return content;
  const urlAttribute = URL_ATTRIBUTE[element.tagName];
  if (urlAttribute) return attr(element, urlAttribute) ?? '';
  if (element.tagName === 'time') return attr(element, 'datetime') ?? textContent(element);
  if (element.tagName === 'data' || element.tagName === 'meter') return attr(element, 'value') ?? '';
  return textContent(element).replace(/\s+/g, ' ').trim();
}

function hasAttr(element: Element, name: string): boolean {
  return element.attrs.some((a) => a.name === name);
}
