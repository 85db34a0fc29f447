// What stands between the sign-in route and a password guesser (issue 16): a lockout of usernames after too many
// consecutive wrong passwords, and a gate that bounds how many password hashes (scrypt, on libuv's thread pool)
// run at once, so a storm of sign-ins cannot starve the file writes and queries that acknowledge meters.
// Per-address and per-username rates are counted by @fastify/rate-limit in session-routes.ts.
// State is per process (a restart forgets lockouts; several API processes each count their own).
import { DomainError } from '../../platform/index.ts';

export interface LockoutOptions {
  failures: number;
  lockMs: number;
  /** How many usernames are tracked at most (oldest forgotten first). */
  capacity?: number;
  now?: () => number;
}

export class SigninLockout {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();
  constructor(private readonly o: LockoutOptions) {}

  private now(): number {
    return this.o.now ? this.o.now() : Date.now();
  }

  /** Milliseconds the username stays locked (0: not locked). */
  lockedFor(username: string): number {
    const e = this.entries.get(username);
    if (!e) return 0;
    const left = e.lockedUntil - this.now();
    if (left > 0) return left;
    if (e.lockedUntil) this.entries.delete(username);
    return 0;
  }

  /** A wrong password: returns true when this failure locks the username. */
  failed(username: string): boolean {
    const e = this.entries.get(username) ?? { failures: 0, lockedUntil: 0 };
    this.entries.delete(username);
    e.failures++;
    const locks = e.failures >= this.o.failures;
    if (locks) e.lockedUntil = this.now() + this.o.lockMs;
    this.entries.set(username, e);
    const cap = this.o.capacity ?? 100_000;
    while (this.entries.size > cap) this.entries.delete(this.entries.keys().next().value!);
    return locks;
  }

  succeeded(username: string): void {
    this.entries.delete(username);
  }
}

/** A counting semaphore with a bounded queue: run(fn) waits for a slot; a full queue is refused (429). */
export class WorkGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number, private readonly maxQueue = 200) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.maxQueue) throw new DomainError('too_many', 'signin_busy', 'too many sign-ins at once; try again in a few seconds', { extra: { retryAfter: 2 } });
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
