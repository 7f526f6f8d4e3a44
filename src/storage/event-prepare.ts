import type { Event } from '../core/model.js';
import { contentDigest, eventContentHash } from './event-rows.js';
import { longTextOf, packText } from './event-text.js';
import { type FtsDocument, ftsDocument } from './search/fts-document.js';

/** The dictionary events' long text is packed with (see EventTextCodec). */
export interface TextDictionary {
  id: number;
  bytes: Uint8Array;
}

/**
 * What an import works out for an event before it writes it: its content hash, and for an event whose
 * content differs from what is stored, its packed long text and full-text document. All of it is pure
 * and most of an import's CPU, so a bulk import has a worker thread make it (see prepare-pipeline.ts).
 */
export interface PreparedEvent {
  contentHash: string;
  /** Absent when the stored digest matches: the event is unchanged and nothing is written. */
  text?: Buffer;
  doc?: FtsDocument;
}

/** Prepares `event`, whose stored content digest is `stored` (none for a new event). */
export function prepareEvent(
  event: Event,
  stored: Uint8Array | null | undefined,
  dictionary?: TextDictionary,
): PreparedEvent {
  const contentHash = eventContentHash(event);
  if (stored && Buffer.compare(stored, contentDigest(contentHash)) === 0) return { contentHash };
  const bytes =
    dictionary &&
    Buffer.from(dictionary.bytes.buffer, dictionary.bytes.byteOffset, dictionary.bytes.byteLength);
  return {
    contentHash,
    text: packText(longTextOf(event), dictionary?.id, bytes),
    doc: ftsDocument(event),
  };
}
