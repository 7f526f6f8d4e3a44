import type { DefaultTreeAdapterTypes } from 'parse5';
import { childrenOf, isElement } from './dom.js';

/** Elements that start a new line of readable text, as a browser lays them out. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);
/** Never readable: code, styles, embedded documents. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'svg',
  'iframe',
  'object',
  'select',
]);

/**
 * The page's readable text, one paragraph per block separated by blank lines, as the text reader of
 * scraped pages expects, with the source line each text line came from (`lines[i]` for line i + 1).
 */
export function readableText(document: DefaultTreeAdapterTypes.Document): { text: string; lines: number[] } {
  const out: { text: string; line: number }[] = [];
  let current = '';
  let currentLine = 1;
  const breakLine = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) out.push({ text, line: currentLine });
    current = '';
  };
  const walk = (node: DefaultTreeAdapterTypes.Node) => {
    for (const child of childrenOf(node)) {
      if (child.nodeName === '#text') {
        const value = (child as DefaultTreeAdapterTypes.TextNode).value;
        if (!current.trim() && value.trim()) currentLine = child.sourceCodeLocation?.startLine ?? currentLine;
        current += value;
      } else if (isElement(child) && !SKIP.has(child.tagName)) {
        const block = BLOCK.has(child.tagName);
        if (block) breakLine();
        walk(child);
        if (block) breakLine();
      }
    }
  };
  walk(document);
  breakLine();
  const lines: number[] = [];
  const text = out
    .map((entry, i) => {
      if (i > 0) lines.push(entry.line); // the blank line before it
      lines.push(entry.line);
      return entry.text;
    })
    .join('\n\n');
  return { text, lines };
}
