import type { PersonAt } from '../ports/search.js';
import { tokenize } from './tokens.js';

/** One person as the archive names them, with the events they are on, newest first (a series once). */
export interface Person {
  name: string;
  /** The role the programme gave them at their latest event that names one. */
  role?: string;
  /** Newest first, a recurring series once. */
  events: { eventId: string; role?: string }[];
}

/**
 * The people among `rows` whose own name holds every query word (each group: any of its readings),
 * most events first. Rows come newest event first, so each person's events and latest role read in
 * that order. Names are compared without case or diacritics, so "Guéhenno" and "Guehenno" are one.
 * When the words are one person's whole name, only that person is returned.
 */
export function peopleNamed(rows: PersonAt[], groups: string[][], typed: string): Person[] {
  const byName = new Map<string, Person & { seen: Set<string> }>();
  // A name recurs on many events: fold it once.
  const folded = new Map<string, string[]>();
  for (const row of rows) {
    let words = folded.get(row.name);
    if (!words) {
      words = tokenize(row.name);
      folded.set(row.name, words);
    }
    if (!groups.every((g) => g.some((term) => words.includes(term)))) continue;
    const key = words.join(' ');
    let person = byName.get(key);
    if (!person) {
      person = { name: row.name, events: [], seen: new Set() };
      byName.set(key, person);
    }
    person.role ??= row.role;
    const eventKey = row.series ?? `id:${row.eventId}`;
    if (person.seen.has(eventKey)) continue;
    person.seen.add(eventKey);
    person.events.push({ eventId: row.eventId, ...(row.role ? { role: row.role } : {}) });
  }
  const whole = byName.get(tokenize(typed).join(' '));
  const people = whole ? [whole] : [...byName.values()];
  return people
    .map(({ seen: _seen, ...person }) => person)
    .sort((a, b) => b.events.length - a.events.length || a.name.localeCompare(b.name));
}

/** The events of several people as one list, newest first as `rows` had them, each event once. */
export function eventsOfPeople(rows: PersonAt[], people: Person[]): { eventId: string; who: string }[] {
  const wanted = new Map<string, { name: string; role?: string }[]>();
  for (const person of people)
    for (const e of person.events) {
      const list = wanted.get(e.eventId) ?? [];
      list.push({ name: person.name, role: e.role });
      wanted.set(e.eventId, list);
    }
  const out: { eventId: string; who: string }[] = [];
  const done = new Set<string>();
  for (const row of rows) {
    const who = wanted.get(row.eventId);
    if (!who || done.has(row.eventId)) continue;
    done.add(row.eventId);
    out.push({
      eventId: row.eventId,
      who: who.map((p) => (p.role ? `${p.name} · ${p.role}` : p.name)).join('; '),
    });
  }
  return out;
}
