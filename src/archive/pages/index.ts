import { collect } from '../json-loader.js';
import { loadScrapedPage } from '../scraped-page-loader.js';
import type { Loader, LoadResult, Problem } from '../types.js';
import { attr, elements, parsePage } from './dom.js';
import { type Found, jsonLdNodes, type SchemaNode } from './json-ld.js';
import { microdataItems } from './microdata.js';
import { readableText } from './readable-text.js';
import { eventRecord, isEvent, type NodeIndex } from './schema-event.js';

/**
 * A saved web page (`.html`): its schema.org Events, from JSON-LD (arrays, `@graph`, nested nodes,
 * `@id` references) and microdata, each validated at the line of its script or element. A page with
 * neither is read as the text a browser shows it, by the reader of scraped pages like the seed, with
 * its line numbers mapped back to the file.
 */
export const loadHtmlPage: Loader = (html, file, options) => {
  const document = parsePage(html);
  const { nodes, problems } = jsonLdNodes(document, file);
  if (problems.length) return { events: [], problems };
  const found = [...nodes, ...microdataItems(document)];
  const events = found.filter((f) => isEvent(f.node));
  if (!events.length) return readAsText(document, file, options);
  const index = indexById(found);
  const base = pageAddress(document);
  const warnings: Problem[] = [];
  const drafts = unique(events).map(({ node, line }) => ({
    line,
    record: eventRecord(node, { file, line, base, defaultZone: options.defaultZone, index, warnings }),
  }));
  return { ...collect(drafts, file), warnings };
};

/** The fallback: the page's readable text through the scraped-page reader, its lines mapped back. */
function readAsText(
  document: ReturnType<typeof parsePage>,
  file: string,
  options: Parameters<Loader>[2],
): LoadResult {
  const { text, lines } = readableText(document);
  if (!text)
    return {
      events: [],
      problems: [{ file, line: 1, message: 'no schema.org Event and no readable text on this page' }],
    };
  const result = loadScrapedPage(text, file, options);
  const at = (line: number) => lines[line - 1] ?? line;
  return {
    ...result,
    events: result.events.map((e) =>
      e.source ? { ...e, source: { ...e.source, line: at(e.source.line) } } : e,
    ),
    problems: result.problems.map((p) => ({
      ...p,
      line: at(p.line),
      ...(p.message.startsWith('no dated event found')
        ? { message: `no schema.org Event (JSON-LD or microdata), and ${p.message}` }
        : {}),
    })),
  };
}

/** Nodes by `@id`, so `"location": {"@id": "#venue"}` finds the Place elsewhere in the graph. */
function indexById(found: Found[]): NodeIndex {
  const index: NodeIndex = new Map();
  for (const { node } of found) {
    const id = node['@id'];
    if (typeof id === 'string' && Object.keys(node).length > 1 && !index.has(id)) index.set(id, node);
  }
  return index;
}

/** The same event given twice (JSON-LD and microdata, or a graph listing it again) counts once. */
function unique(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter(({ node }) => {
    const key = JSON.stringify([node['@id'] ?? null, node.name ?? null, node.startDate ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `<base href>`, else `<link rel="canonical">`: what relative event URLs are relative to. */
function pageAddress(document: ReturnType<typeof parsePage>): string | undefined {
  let canonical: string | undefined;
  for (const element of elements(document)) {
    if (element.tagName === 'base' && attr(element, 'href')) return absolute(attr(element, 'href'));
    if (element.tagName === 'link' && (attr(element, 'rel') ?? '').split(/\s+/).includes('canonical'))
      canonical ??= absolute(attr(element, 'href'));
  }
  return canonical;
}

function absolute(href: string | undefined): string | undefined {
  return href && URL.canParse(href) ? href : undefined;
}

export type { SchemaNode };
