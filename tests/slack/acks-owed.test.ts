import { describe, expect, it } from 'vitest';
import { acksOwed } from '../../src/slack/acks-owed.js';

describe('acksOwed: answers wait while an ack is owed', () => {
  it('settles at once when nothing is owed, and once the last owed ack is paid', async () => {
    const acks = acksOwed(60_000);
    await acks.settled();
    const first = acks.arrived();
    const second = acks.arrived();
    let settled = false;
    const waiting = acks.settled().then(() => {
      settled = true;
    });
    first();
    first();
    await Promise.resolve();
    expect(acks.count()).toBe(1);
    expect(settled).toBe(false);
    second();
    await waiting;
    expect(acks.count()).toBe(0);
  });

  it('lets an answer go after the longest wait even while an ack is still owed', async () => {
    const acks = acksOwed(20);
    acks.arrived();
    await acks.settled();
    expect(acks.count()).toBe(1);
  });
});
