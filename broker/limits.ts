// Limits of the embedded broker against misbehaving or hostile clients: packet size per identity, login throttling
// with back-off, connections per address, well-formed usernames. Pure state machines (clock passed in), wired in
// broker.ts.
//
// - Packet size: aedes 1.x has no maxPacketSize, and its parser buffers a whole packet (up to 256 MiB) before any
//   hook runs. PacketSizeGuard reads only the MQTT fixed headers of the bytes aedes reads from the socket and
//   closes the connection as soon as a header announces more than the limit of the connection's identity
//   (meters: MQTT_MAX_PACKET_BYTES, default 8 KiB; the service account more; before CONNECT the meter limit).
//   MQTT 3.1.1 has no way to refuse a single packet: closing is the answer.
// - Login throttling (LoginThrottle): failed logins are counted per client address and per username; past a few
//   free failures, further CONNECTs are refused (CONNACK 3, "server unavailable") for a back-off that doubles per
//   failure, capped; a success clears it. Refused attempts do not run the password hash (scrypt), so a guessing
//   flood cannot burn the CPU either. Per username the cap is short (a meter whose password someone guesses at is
//   locked out at most a minute at a time); per address it is longer (but the free failures are more, since
//   meters behind a carrier NAT share an address).
// - Usernames: anything that is not a meter id or `svc:<name>` (NUL bytes, control characters, over-long, not
//   UTF-8) is answered CONNACK 4 "bad user name or password" without a database lookup.
import { METER_ID_PATTERN } from '../protocols/index.ts';

export const DEFAULT_METER_MAX_PACKET_BYTES = 8192;
export const DEFAULT_SERVICE_MAX_PACKET_BYTES = 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1000;

const SERVICE_USERNAME = /^svc:[A-Za-z0-9_.-]{1,64}$/;
const EDGE_USERNAME = /^edge:[A-Za-z0-9_-]{1,32}$/;

/** A username the broker may look up: a meter id or `svc:<name>`. */
export function isWellFormedUsername(username: string): boolean {
  return METER_ID_PATTERN.test(username) || SERVICE_USERNAME.test(username) || EDGE_USERNAME.test(username);
}

export class PacketTooLargeError extends Error {
  override name = 'PacketTooLargeError';
  constructor(readonly bytes: number, readonly limit: number, readonly packetType: number) {
    super(`MQTT packet of ${bytes} bytes (type ${packetType}) exceeds the limit of ${limit}`);
  }
}

/**
 * Follows MQTT framing over a byte stream (fixed header: type byte, remaining length as a 1–4 byte varint) and
 * reports the first packet whose total size exceeds limit(). Only headers are parsed; bodies are skipped by count.
 */
export class PacketSizeGuard {
  private skip = 0; // body bytes of the current packet still to pass
  private state: 'type' | 'length' = 'type';
  private type = 0;
  private length = 0;
  private lengthBytes = 0;
  private multiplier = 1;

  constructor(private readonly limit: () => number) {}

  /** Feeds bytes; returns the error for the first oversize packet (then stop feeding), else null. */
  push(chunk: Uint8Array): PacketTooLargeError | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        this.skip -= n;
        i += n;
        continue;
      }
      const b = chunk[i++]!;
      if (this.state === 'type') {
        this.type = b >> 4;
        this.state = 'length';
        this.length = 0;
        this.lengthBytes = 0;
        this.multiplier = 1;
        continue;
      }
      this.length += (b & 0x7f) * this.multiplier;
      this.multiplier *= 128;
      this.lengthBytes++;
      if (b & 0x80 && this.lengthBytes < 4) continue;
      // Header complete (a 5th length byte is malformed: aedes' parser refuses it; count what we have).
      const total = 1 + this.lengthBytes + this.length;
      const limit = this.limit();
      if (total > limit) return new PacketTooLargeError(total, limit, this.type);
      this.skip = this.length;
      this.state = 'type';
    }
    return null;
  }
}

export interface BackoffPolicy {
  /** Failures allowed before back-off starts. */
  freeFailures: number;
  baseMs: number;
  maxMs: number;
  /** A key with no failure for this long starts afresh. */
  forgetMs: number;
}

export const ADDRESS_BACKOFF: BackoffPolicy = { freeFailures: 20, baseMs: 1000, maxMs: 15 * 60_000, forgetMs: 15 * 60_000 };
export const USERNAME_BACKOFF: BackoffPolicy = { freeFailures: 5, baseMs: 1000, maxMs: 60_000, forgetMs: 15 * 60_000 };

interface Entry {
  failures: number;
  last: number;
  blockedUntil: number;
}

/** Failed-login back-off per key (an address or a username); memory bounded to maxKeys (oldest forgotten first). */
export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly policy: BackoffPolicy, private readonly maxKeys = 100_000) {}

  /** 0 when a login for `key` may be tried now, else the ms until it may. */
  retryInMs(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    if (now - e.last > this.policy.forgetMs) {
      this.entries.delete(key);
      return 0;
    }
    return Math.max(0, e.blockedUntil - now);
  }

  failure(key: string, now: number): void {
    let e = this.entries.get(key);
    if (e && now - e.last > this.policy.forgetMs) e = undefined;
    if (!e) {
      e = { failures: 0, last: now, blockedUntil: 0 };
      if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.delete(key); // re-insert: most recent last
    e.failures++;
    e.last = now;
    const over = e.failures - this.policy.freeFailures;
    if (over > 0) e.blockedUntil = now + Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** Math.min(over - 1, 30));
    this.entries.set(key, e);
  }

  success(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export class LoginThrottle {
  readonly byAddress: Backoff;
  readonly byUsername: Backoff;

  /** `now`: the clock (tests pass a fake one). */
  constructor(address: BackoffPolicy = ADDRESS_BACKOFF, username: BackoffPolicy = USERNAME_BACKOFF, private readonly now: () => number = Date.now) {
    this.byAddress = new Backoff(address);
    this.byUsername = new Backoff(username);
  }

  /** 0 when the login may be checked, else ms to wait (the longer of the address and username back-offs). */
  retryInMs(address: string, username: string): number {
    const now = this.now();
    return Math.max(this.byAddress.retryInMs(address, now), username ? this.byUsername.retryInMs(username, now) : 0);
  }

  failure(address: string, username: string): void {
    const now = this.now();
    this.byAddress.failure(address, now);
    if (username) this.byUsername.failure(username, now);
  }

  success(address: string, username: string): void {
    this.byAddress.success(address);
    this.byUsername.success(username);
  }
}

/** Open connections per client address, capped. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();
  constructor(readonly maxPerAddress: number) {}

  /** Counts a new connection; false (and not counted) when the address is at its cap. */
  acquire(address: string): boolean {
    const n = this.open.get(address) ?? 0;
    if (n >= this.maxPerAddress) return false;
    this.open.set(address, n + 1);
    return true;
  }

  release(address: string): void {
    const n = (this.open.get(address) ?? 0) - 1;
    if (n > 0) this.open.set(address, n);
    else this.open.delete(address);
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are the same client. */
export function normaliseAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
