/**
 * The Slack requests received and not yet acknowledged. Slack gives a request 3 seconds to be acked,
 * and an answer through its response_url 30 minutes: so while any ack is owed, answers wait (looking up
 * the asker, sending the work to a command worker, posting the reply), and a burst of commands is
 * acknowledged before the first of them is worked on, instead of each ack queueing behind the answers
 * of the commands that came before it, on this thread and on the cores the workers share with it.
 */
export interface AcksOwed {
  /** A request arrived; call the function returned once its HTTP response has been sent (extra calls do nothing). */
  arrived(): () => void;
  /** How many acks are owed now. */
  count(): number;
  /** Resolves once no ack is owed, or after `maxWaitMs` at the latest (a slow client cannot hold answers back). */
  settled(): Promise<void>;
}

/** At most this long an answer waits for the acks owed: acks of a burst of 200 take a few hundred milliseconds. */
const MAX_WAIT_MS = 1_000;

export function acksOwed(maxWaitMs = MAX_WAIT_MS): AcksOwed {
  let owed = 0;
  const waiters = new Set<() => void>();
  const settle = () => {
    if (owed > 0) return;
    for (const wake of [...waiters]) wake();
  };
  return {
    arrived() {
      owed += 1;
      let paid = false;
      return () => {
        if (paid) return;
        paid = true;
        owed -= 1;
        settle();
      };
    },
    count: () => owed,
    settled: () =>
      owed === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const wake = () => {
              clearTimeout(timer);
              waiters.delete(wake);
              resolve();
            };
            const timer = setTimeout(wake, maxWaitMs);
            waiters.add(wake);
          }),
  };
}
