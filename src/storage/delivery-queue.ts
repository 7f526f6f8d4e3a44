import type { Claim, ClaimOptions, Settlement } from '../core/ports/delivery.js';
import type { NewNotice } from '../core/reminders/model.js';

/** A DeliveryQueue as the embedded store has it: every answer at once (better-sqlite3 is synchronous). */
export interface SyncDeliveryQueue<T, S = Settlement> {
  claim(options: ClaimOptions): Claim<T>[];
  begin(id: string, token: string, nowMs: number): boolean;
  settle(id: string, token: string, nowMs: number, settlement: S): boolean;
}

/** The notice outbox of the embedded store. */
export interface SyncNoticeOutbox<T> extends SyncDeliveryQueue<T> {
  add(notice: NewNotice, nowMs: number): boolean;
}

import type { Db } from './database.js';

/** The columns every delivery table shares (see migrations/003-reminders.sql). */
export interface DeliveryColumns {
  id: number;
  status: string;
  attempts: number;
  posting_ms: number | null;
  claim_token: string | null;
}

/** Which table, who its recipient is (the pacing key), and which rows are live: constants, never user input. */
export interface DeliveryTableSpec {
  table: 'reminders' | 'subscriptions' | 'notices';
  keyColumn: 'user_id' | 'channel_id';
  /** Extra SQL condition a row must meet to be claimed, e.g. `AND state = 'active'`. */
  live?: string;
}

/**
 * The lease mechanics the three delivery tables share. A claim moves due rows (and rows whose claim is
 * older than the lease) to `sending` under a fresh token in one IMMEDIATE transaction, so two processes
 * never hold the same row; every later write names the token, so a taken-over claim changes nothing.
 */
export class DeliveryTable<Row extends DeliveryColumns> {
  private readonly statements;

  constructor(
    private readonly db: Db,
    spec: DeliveryTableSpec,
  ) {
    const { table, keyColumn } = spec;
    const live = spec.live ?? '';
    this.statements = {
      candidates: db.prepare<{ now: number; stale: number; perKey: number; limit: number }, { id: number }>(
        `SELECT id FROM (
           SELECT id, next_ms, ROW_NUMBER() OVER (PARTITION BY k ORDER BY next_ms, id) AS rn FROM (
             SELECT id, ${keyColumn} AS k, next_ms FROM ${table} WHERE status = 'pending' AND next_ms <= @now ${live}
             UNION ALL
             SELECT id, ${keyColumn} AS k, next_ms FROM ${table} WHERE status = 'sending' AND claimed_ms <= @stale ${live}
           )
         ) WHERE rn <= @perKey ORDER BY next_ms, id LIMIT @limit`,
      ),
      claim: db.prepare(
        `UPDATE ${table} SET status = 'sending', claim_token = @token, claimed_ms = @now, updated_ms = @now
         WHERE id IN (SELECT value FROM json_each(@ids))`,
      ),
      rows: db.prepare<[string], Row>(
        `SELECT t.* FROM json_each(?) j JOIN ${table} t ON t.id = j.value ORDER BY j.key`,
      ),
      begin: db.prepare(
        `UPDATE ${table} SET posting_ms = coalesce(posting_ms, @now), claimed_ms = @now, attempts = attempts + 1,
           updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
      retry: db.prepare(
        `UPDATE ${table} SET status = 'pending', next_ms = @at, last_error = @reason, claim_token = NULL,
           claimed_ms = NULL, posting_ms = CASE WHEN @uncertain = 1 THEN posting_ms ELSE NULL END,
           attempts = attempts - CASE WHEN @counted = 1 THEN 0 ELSE 1 END, updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
      release: db.prepare(
        `UPDATE ${table} SET status = 'pending', claim_token = NULL, claimed_ms = NULL, updated_ms = @now
         WHERE id = @id AND claim_token = @token AND status = 'sending'`,
      ),
    };
  }

  /** Claims up to `limit` due rows, at most `perKey` per recipient, and returns them as now stored. */
  claim(options: ClaimOptions): Row[] {
    const { nowMs, limit, leaseMs, token, perKey } = options;
    return this.db
      .transaction(() => {
        const ids = this.statements.candidates
          .all({ now: nowMs, stale: nowMs - leaseMs, perKey, limit })
          .map((r) => r.id);
        if (!ids.length) return [];
        const json = JSON.stringify(ids);
        this.statements.claim.run({ token, now: nowMs, ids: json });
        return this.statements.rows.all(json);
      })
      .immediate();
  }

  begin(id: string, token: string, nowMs: number): boolean {
    return this.statements.begin.run({ id: Number(id), token, now: nowMs }).changes === 1;
  }

  retry(
    id: string,
    token: string,
    nowMs: number,
    retry: { atMs: number; reason: string; uncertain?: boolean; counted?: boolean },
  ): boolean {
    return (
      this.statements.retry.run({
        id: Number(id),
        token,
        now: nowMs,
        at: retry.atMs,
        reason: retry.reason,
        uncertain: retry.uncertain ? 1 : 0,
        counted: retry.counted === false ? 0 : 1,
      }).changes === 1
    );
  }

  release(id: string, token: string, nowMs: number): boolean {
    return this.statements.release.run({ id: Number(id), token, now: nowMs }).changes === 1;
  }
}

/** The claim fields of a row, as core's Claim wants them. */
export function claimOf<Row extends DeliveryColumns>(row: Row) {
  return {
    token: row.claim_token ?? '',
    attempts: row.attempts,
    ...(row.posting_ms !== null ? { postingSinceMs: row.posting_ms } : {}),
  };
}
