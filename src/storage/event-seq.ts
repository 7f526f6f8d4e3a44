/**
 * Event rowids follow start time: seq = minute of the start × SEQ_PER_MINUTE + n. The full-text index
 * shares these rowids, and FTS5 can seek rowid ranges, so a date-filtered search ranks only the events
 * inside the range instead of every match in the archive.
 */
export const SEQ_PER_MINUTE = 4096;

/** The minute (since the epoch) an instant falls in. */
export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/** The start minute a rowid was given for. */
export const seqMinute = (seq: number) => Math.floor(seq / SEQ_PER_MINUTE);

/** The rowid bounds [from, to) of events starting within [fromMs, toMs), to the minute. */
export function seqBounds(fromMs?: number, toMs?: number): { from?: number; to?: number } {
  return {
    from:
      fromMs === undefined || !Number.isFinite(fromMs)
        ? undefined
        : Math.ceil(fromMs / 60_000) * SEQ_PER_MINUTE,
    to: toMs === undefined || !Number.isFinite(toMs) ? undefined : Math.ceil(toMs / 60_000) * SEQ_PER_MINUTE,
  };
}
