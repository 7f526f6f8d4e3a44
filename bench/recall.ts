import type { LabelledQuery } from '../scripts/lib/generate-events.js';

export interface Recall {
  top1: number;
  top5: number;
  n: number;
}

/** Top-1 and top-5 recall by kind (and `__all`); for "none", a hit is an empty answer. */
export function recallOf(queries: LabelledQuery[], results: string[][]): Record<string, Recall> {
  const by: Record<string, Recall> = {};
  queries.forEach((q, i) => {
    const ids = results[i];
    for (const key of [q.kind, '__all']) {
      by[key] ??= { top1: 0, top5: 0, n: 0 };
      const r = by[key];
      r.n++;
      const top1 = q.kind === 'none' ? ids.length === 0 : ids[0] === q.expectedId;
      const top5 = q.kind === 'none' ? ids.length === 0 : ids.slice(0, 5).includes(q.expectedId ?? '');
      r.top1 += top1 ? 1 : 0;
      r.top5 += top5 ? 1 : 0;
    }
  });
  return by;
}

/** The first `perKind` queries of each kind, in order. */
export function sampleByKind(queries: LabelledQuery[], perKind: number): LabelledQuery[] {
  const seen = new Map<string, number>();
  return queries.filter((q) => {
    const n = seen.get(q.kind) ?? 0;
    seen.set(q.kind, n + 1);
    return n < perKind;
  });
}
