import Fuse from 'fuse.js';
import type { Event } from '../src/core/model.js';

/**
 * The design the search notes measured and rejected, kept as our yardstick: one Fuse over every event
 * and every field (summary included), ignoreLocation, with the same field weights as ours.
 */
export function naivePeer(events: Event[]): (query: string, limit: number) => string[] {
  const fuse = new Fuse(events, {
    keys: [
      { name: 'title', weight: 10 },
      { name: 'themes', weight: 5, getFn: (e: Event) => e.themes.map((t) => t.title) },
      { name: 'speakers', weight: 4, getFn: (e: Event) => e.speakers.map((s) => s.name) },
      { name: 'hosts', weight: 4 },
      { name: 'tags', weight: 3 },
      { name: 'summary', weight: 1.5 },
    ],
    ignoreLocation: true,
    includeScore: true,
    threshold: 0.4,
  });
  return (query, limit) => fuse.search(query, { limit }).map((r) => r.item.id);
}
