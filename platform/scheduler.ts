// One scheduler for periodic work (command retries and expiry, deferred cuts, and whatever a module
// needs next): each job runs every `everyMs`, never overlaps itself (single flight: a run still going
// when the next tick comes is waited for, not doubled), logs its failures instead of crashing, and can
// be run on demand (`run()`, which joins a run in progress). `stop()` waits for the run in progress.
import type { Logger } from './config/index.ts';

export interface PeriodicJob {
  /** Runs the job now, or joins the run in progress. */
  run(): Promise<void>;
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function periodic(name: string, everyMs: number, work: () => Promise<void>, logger: Logger): PeriodicJob {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  const run = (): Promise<void> => {
    if (current) return current;
    current = (async () => {
      try {
        await work();
      } catch (err) {
        logger.error({ err, job: name }, `${name} failed`);
      } finally {
        current = null;
      }
    })();
    return current;
  };
  return {
    run,
    start() {
      if (!timer) timer = setInterval(() => void run(), everyMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current;
    },
    get running() {
      return current !== null;
    },
  };
}
