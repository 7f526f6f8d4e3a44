import matter from 'gray-matter';
import YAML from 'yaml';
import { collectMapped, sourceOf } from './field-map.js';
import { collect } from './json-loader.js';
import { lineOfOffset } from './lines.js';
import type { Loader, LoadResult, Problem } from './types.js';

/**
 * gray-matter picks its parser from the opening line (`---js` means eval), so every engine but YAML is
 * refused. YAML 1.2's core schema has no timestamp type: `start: 2013-09-25` stays the string the model wants.
 */
const ENGINES = {
  yaml: (source: string) => YAML.parse(source, { schema: 'core', logLevel: 'error' }) as object,
  javascript: refuseEngine,
  json: refuseEngine,
  coffee: refuseEngine,
};

const OPENING = /^---[ \t]*(?:ya?ml)?[ \t]*\n/i;
const FORMAT_HINT =
  "start the file with a line '---', then the event's fields (title: …, start: …), then '---'";

/** One event per Markdown file: YAML front matter with the model's fields, the Markdown after it as `body`. */
export const loadMarkdown: Loader = (input, file, options) => {
  const text = input.replace(/\r\n?/g, '\n');
  if (!text.startsWith('---')) return fail(file, 1, `no front matter: ${FORMAT_HINT}`);
  if (!OPENING.test(text)) return fail(file, 1, "front matter must open with a line '---' and be YAML");
  const closing = text.indexOf('\n---', 3);
  if (closing < 0) return fail(file, 1, "front matter is never closed: end it with a line '---'");

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, { engines: ENGINES });
  } catch (error) {
    return { events: [], problems: [yamlProblem(error, file)] };
  }
  const data: unknown = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(file, 2, "front matter must be YAML 'field: value' lines, such as 'title: …'");
  }

  const body = parsed.content.trim();
  const bodyLine = lineOfOffset(text, text.length - parsed.content.length);
  const fields = data as Record<string, unknown>;
  const withBody = (record: Record<string, unknown>) => ({
    ...record,
    body: body || record.body,
    summary: isBlank(record.summary) ? firstParagraph(body) : record.summary,
  });
  const map = options?.map;
  const result = map
    ? collectMapped([{ record: fields, line: 1 }], file, map, options.defaultZone, (record) =>
        Object.assign(record, withBody(record)),
      )
    : collect([{ record: withBody(fields), line: 1 }], file);
  // A mapped field's problem belongs on the line of the front-matter key it was read from.
  const key = (field?: string) => (field && map && sourceOf(map, field)) || field;
  return {
    ...result,
    problems: result.problems.map((p) => ({
      ...p,
      line: fieldLine(parsed.matter, key(p.field), fields, bodyLine),
    })),
  };
};

function refuseEngine(): object {
  throw new Error('front matter must be YAML');
}

function fail(file: string, line: number, message: string): LoadResult {
  return { events: [], problems: [{ file, line, message }] };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The first prose paragraph: headings, fences, rules, HTML and images are not what a summary wants. */
function firstParagraph(body: string): string | undefined {
  for (const block of body.split(/\n[ \t]*\n/)) {
    const text = block.trim();
    if (text === '' || /^(#|```|~~~|<|!\[|[-*_]{3,}$)/.test(text)) continue;
    return text.replace(/\s*\n\s*/g, ' ');
  }
  return undefined;
}

/**
 * The file line a problem belongs to: the front-matter key it names (down into list items), the body's
 * first line for `body` and a derived `summary`, else line 1. The matter string begins with the newline
 * that ends the opening `---`, so its offsets map straight to file lines.
 */
function fieldLine(
  frontMatter: string,
  field: string | undefined,
  data: Record<string, unknown>,
  bodyLine: number,
) {
  if (!field || field === '(record)') return 1;
  const top = field.split('.')[0];
  if (!(top in data)) return top === 'body' || top === 'summary' ? bodyLine : 1;
  const offset = nodeOffset(YAML.parseDocument(frontMatter, { schema: 'core' }).contents, field.split('.'));
  return offset === undefined ? 1 : lineOfOffset(frontMatter, offset);
}

function nodeOffset(root: unknown, path: string[]): number | undefined {
  let node = root;
  let offset: number | undefined;
  for (const segment of path) {
    if (YAML.isMap(node)) {
      const pair = node.items.find((item) => YAML.isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      offset = YAML.isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (YAML.isSeq(node)) {
      const item = node.items[Number(segment)];
      if (!YAML.isNode(item)) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** yaml's errors carry `linePos`; its message repeats the position and quotes the source, so keep the first clause. */
function yamlProblem(error: unknown, file: string): Problem {
  if (error instanceof YAML.YAMLError) {
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { file, line: error.linePos?.[0].line ?? 1, message: `front matter is not valid YAML: ${reason}` };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { file, line: 1, message: `front matter could not be read: ${reason}` };
}
