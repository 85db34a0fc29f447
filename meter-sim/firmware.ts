// A simulated meter's bootloader with two slots: it is offered a signed firmware package (checks the signature,
// the model and that it is not a downgrade), receives the image in numbered chunks (each checked against its
// SHA-256, kept across a dropped connection so the download resumes from the last good chunk), verifies the
// whole image (SHA-256 and signature) before it writes it to the inactive slot, boots it, and rolls back by
// itself when the new image fails its self-test (an image containing SELFTEST-FAIL, for tests). The metering
// side (registers, credit, relay) is not touched by any of it: supply stays as it was.
import {
  FirmwareChunkWire, FirmwareError, FirmwareInstallWire, FirmwareOfferWire, checkApplicable, chunkCount, sha256Hex, verifyFirmware, verifyManifest,
  type CommandAck, type CommandEnvelope, type FirmwareManifest,
} from '../protocols/index.ts';

export const SELFTEST_FAIL_MARKER = 'SELFTEST-FAIL';

export interface SimBootloaderOptions {
  model: string;
  version: string;
  /** Trusted public keys (PEM), burnt in at manufacture. */
  keys: string[];
}

interface Download {
  firmwareId: number;
  manifest: FirmwareManifest;
  signature: string;
  chunks: (Buffer | undefined)[];
}

export interface SlotState {
  version: string;
  sha256: string | null;
}

export class SimBootloader {
  readonly model: string;
  readonly slots: [SlotState, SlotState];
  active: 0 | 1 = 0;
  /** Image bytes received in chunks (counted even when a chunk is a repeat). */
  bytesReceived = 0;
  /** Why the last update was refused or undone. */
  lastFailure: string | null = null;
  private download: Download | null = null;
  private readonly acks = new Map<string, CommandAck>();

  constructor(private readonly o: SimBootloaderOptions) {
    this.model = o.model;
    this.slots = [{ version: o.version, sha256: null }, { version: '0.0.0', sha256: null }];
  }

  get version(): string {
    return this.slots[this.active].version;
  }

  /** Does this command belong to the bootloader? */
  static handles(type: string): boolean {
    return type === 'firmware' || type === 'firmwareChunk' || type === 'firmwareInstall';
  }

  /** Executes a firmware command once per reference (a redelivered one gets the same ack). */
  handleCommand(cmd: CommandEnvelope, now: number): CommandAck {
    const done = this.acks.get(cmd.ref);
    if (done) return done;
    const ack = this.execute(cmd, now);
    // A chunk refused for a bad checksum may be sent again under the same reference: do not remember failures.
    if (ack.status !== 'failed') this.acks.set(cmd.ref, ack);
    if (this.acks.size > 512) this.acks.delete(this.acks.keys().next().value!);
    return ack;
  }

  private execute(cmd: CommandEnvelope, now: number): CommandAck {
    const ack = (status: CommandAck['status'], result: string, detail?: string): CommandAck => ({ v: 1, ref: cmd.ref, ts: now, status, result, ...(detail ? { detail } : {}) });
    if (cmd.expiresAt !== undefined && cmd.expiresAt < now) return ack('rejected', 'expired');
    try {
      switch (cmd.type) {
        case 'firmware': {
          const w = FirmwareOfferWire.safeParse(cmd);
          if (!w.success) return ack('rejected', 'malformed', 'not a valid firmware offer');
          verifyManifest(w.data.manifest, w.data.signature, this.o.keys);
          checkApplicable(w.data.manifest, this.model, this.version);
          const d = this.download;
          if (!d || d.firmwareId !== w.data.firmwareId || d.manifest.sha256 !== w.data.manifest.sha256) {
            this.download = { firmwareId: w.data.firmwareId, manifest: w.data.manifest, signature: w.data.signature, chunks: new Array(chunkCount(w.data.manifest.size, w.data.manifest.chunkSize)) };
          }
          return ack('ok', 'offered', `have=${this.have()} model=${this.model} version=${this.version}`);
        }
        case 'firmwareChunk': {
          const w = FirmwareChunkWire.safeParse(cmd);
          if (!w.success) return ack('rejected', 'malformed', 'not a valid firmware chunk');
          const d = this.download;
          if (!d || d.firmwareId !== w.data.firmwareId) return ack('rejected', 'not_offered', 'no download of this firmware in progress');
          if (w.data.index >= d.chunks.length) return ack('rejected', 'bad_index', `chunk ${w.data.index} of ${d.chunks.length}`);
          const data = Buffer.from(w.data.data, 'base64');
          this.bytesReceived += data.length;
          if (sha256Hex(data) !== w.data.sha256) return ack('failed', 'chunk_hash', `chunk ${w.data.index} does not match its SHA-256`);
          d.chunks[w.data.index] = data;
          return ack('ok', 'chunk', `have=${this.have()}`);
        }
        case 'firmwareInstall': {
          const w = FirmwareInstallWire.safeParse(cmd);
          if (!w.success) return ack('rejected', 'malformed', 'not a valid install command');
          const d = this.download;
          if (!d || d.firmwareId !== w.data.firmwareId) return ack('rejected', 'not_offered', 'no download of this firmware');
          if (this.have() < d.chunks.length) return ack('failed', 'incomplete', `have ${this.have()} of ${d.chunks.length} chunks`);
          const image = Buffer.concat(d.chunks as Buffer[]);
          verifyFirmware({ manifest: d.manifest, signature: d.signature, image }, this.o.keys);
          // Write the inactive slot, boot it, self-test; on failure the bootloader switches back by itself.
          const target: 0 | 1 = this.active === 0 ? 1 : 0;
          const previous = this.active;
          this.slots[target] = { version: d.manifest.version, sha256: d.manifest.sha256 };
          this.active = target;
          this.download = null;
          if (image.includes(SELFTEST_FAIL_MARKER)) {
            this.active = previous;
            this.lastFailure = 'self-test failed';
            return ack('failed', 'rolled_back', `self-test of ${d.manifest.version} failed; running ${this.version} again`);
          }
          this.lastFailure = null;
          return ack('ok', 'updated', `version=${this.version}`);
        }
        default:
          return ack('rejected', 'unsupported', `bootloader does not handle ${cmd.type}`);
      }
    } catch (err) {
      if (err instanceof FirmwareError) {
        this.lastFailure = err.reason;
        if (err.reason === 'hash_mismatch' || err.reason === 'bad_signature' || err.reason === 'size_mismatch') this.download = null;
        return ack(cmd.type === 'firmwareInstall' ? 'failed' : 'rejected', err.reason, err.message.slice(0, 256));
      }
      throw err;
    }
  }

  /** Chunks of the offered image held from the start without a gap (the serial status register shows it). */
  get held(): number {
    return this.have();
  }

  /** Chunks held from the start without a gap: where a resumed download continues. */
  private have(): number {
    const d = this.download;
    if (!d) return 0;
    let n = 0;
    while (n < d.chunks.length && d.chunks[n]) n++;
    return n;
  }
}
