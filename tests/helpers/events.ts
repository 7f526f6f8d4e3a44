import type { Hit } from '../../src/core/commands/reply.js';
import type { Event } from '../../src/core/model.js';

/**
 * A valid Event for tests, modelled on IPI's 2013 ministerial dinner on UN peacekeeping; `overrides`
 * replace whole fields.
 */
export function makeEvent(overrides: Partial<Event> = {}): Event {
  return {
    id: '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping',
    title: 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping',
    type: 'Ministerial dinner',
    start: '2013-09-25',
    timezone: 'America/New_York',
    location: 'New York',
    url: 'https://www.ipinst.org/2013/09/strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping',
    hosts: ['Government of Finland', 'Government of Uruguay', 'International Peace Institute'],
    speakers: [
      { name: 'Erkki Tuomioja', role: 'Minister for Foreign Affairs, Finland' },
      { name: 'Luis Almagro', role: 'Minister of Foreign Affairs, Uruguay' },
      { name: 'Terje Rød-Larsen', role: 'President, International Peace Institute' },
    ],
    summary:
      'Ministers, troop contributors and UN officials met over dinner to discuss how the partnership behind UN peacekeeping can be renewed.',
    body: '',
    themes: [
      {
        title: 'Resourcing',
        summary: 'Missions are asked to do more with less; contributors want predictable funding.',
      },
      {
        title: 'Peacekeeping governance',
        summary: 'Troop contributors seek a stronger voice in mandate design.',
      },
      {
        title: 'Protection of civilians',
        summary: 'Mandates promise protection that missions cannot always deliver.',
      },
    ],
    tags: ['peacekeeping'],
    ...overrides,
  };
}

/** A search hit around `makeEvent(overrides)`. */
export function makeHit(overrides: Partial<Event> = {}, matched: string[] = ['title']): Hit {
  return { event: makeEvent(overrides), score: 1, matched };
}
