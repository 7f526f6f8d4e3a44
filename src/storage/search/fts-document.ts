import type { Event } from '../../core/model.js';
import { acronymsIn } from '../../core/search/field-terms.js';
import { acronymOf } from '../../core/text.js';

/** The text of one event as the full-text index holds it, column by column (see 001-events.sql). */
export interface FtsDocument {
  title: string;
  themes: string;
  speakers: string;
  hosts: string;
  tags: string;
  summary: string;
  body: string;
}

/** Values of a list field, one a line. */
const SEPARATOR = ' \n ';

/**
 * What search indexes of an event, and in which column: short fields (title, themes, people, tags with
 * the acronyms its hosts, themes and text stand for, type and place) apart from long text (body, theme summaries, speakers' roles).
 */
export function ftsDocument(event: Event): FtsDocument {
  const themes = event.themes.map((t) => t.title);
  const acronyms = new Map<string, string>();
  for (const a of event.hosts.map(acronymOf)) if (a) acronyms.set(a.toLowerCase(), a);
  const text = [event.title, ...themes, event.summary].join(' \n ');
  for (const a of acronymsIn(text, [...themes, ...event.hosts])) if (!acronyms.has(a)) acronyms.set(a, a);
  return {
    title: event.title,
    themes: themes.join(SEPARATOR),
    speakers: event.speakers.map((s) => s.name).join(SEPARATOR),
    hosts: event.hosts.join(SEPARATOR),
    tags: [...event.tags, ...acronyms.values(), event.type, event.location ?? ''].join(SEPARATOR),
    summary: event.summary,
    body: [
      event.body,
      ...event.themes.map((t) => t.summary),
      ...event.speakers.map((s) => s.role ?? ''),
    ].join(SEPARATOR),
  };
}
