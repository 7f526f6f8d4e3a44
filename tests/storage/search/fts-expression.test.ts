import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../src/storage/database.js';
import { toFtsExpression } from '../../../src/storage/search/fts-expression.js';

/** A bare FTS5 table with the archive's tokenizer, to check what an expression really matches. */
function table(rows: string[]) {
  const db = openDatabase(':memory:');
  migrate(db);
  db.exec(`CREATE VIRTUAL TABLE t USING fts5 (a, b, tokenize = 'unicode61 remove_diacritics 2')`);
  const insert = db.prepare('INSERT INTO t (rowid, a, b) VALUES (?, ?, ?)');
  rows.forEach((row, i) => {
    const [a, b = ''] = row.split('|');
    insert.run(i + 1, a, b);
  });
  return (expression: string) =>
    (
      db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(expression) as { rowid: number }[]
    ).map((r) => r.rowid);
}

describe('toFtsExpression', () => {
  it('ANDs groups and ORs the words of a group, each quoted', () => {
    expect(toFtsExpression([{ groups: [['peacekeeping'], ['mali', 'sahel']] }])).toBe(
      '("peacekeeping" AND ("mali" OR "sahel"))',
    );
  });

  it('matches a multi-word phrase only in the order typed', () => {
    const match = table([
      'forced migration in the sahel',
      'migration that was forced',
      'forced labour|migration',
    ]);
    const expression = toFtsExpression([{ groups: [], phrases: [['forced', 'migration']] }]);
    expect(match(expression)).toEqual([1]);
  });

  it('restricts a clause to its columns', () => {
    const match = table(['norway|finland', 'finland|norway']);
    expect(match(toFtsExpression([{ groups: [['norway']], columns: ['a' as never] }]))).toEqual([1]);
  });

  it('ANDs clauses, each with its own columns', () => {
    const expression = toFtsExpression([
      { groups: [['mediation']] },
      { groups: [['kaljulaid']], columns: ['speakers'] },
    ]);
    expect(expression).toBe('("mediation") AND {speakers} : ("kaljulaid")');
  });

  it('keeps FTS5 syntax the user typed from becoming operators', () => {
    const match = table(['alpha beta', 'gamma']);
    for (const hostile of ['alpha" OR "gamma', 'gam*', 'NEAR(alpha gamma)', 'a:alpha', '^gam']) {
      const expression = toFtsExpression([{ groups: [[hostile]] }]);
      expect(() => match(expression)).not.toThrow();
      expect(match(expression)).toEqual([]);
    }
    // Letters and digits survive, so a typed word still matches itself.
    expect(match(toFtsExpression([{ groups: [['"gamma"']] }]))).toEqual([2]);
  });

  it('drops words that are only punctuation and clauses left empty', () => {
    expect(toFtsExpression([{ groups: [['--'], ['mali']] }, { groups: [[]], phrases: [['!!']] }])).toBe(
      '("mali")',
    );
    expect(toFtsExpression([{ groups: [] }])).toBe('');
  });
});
