// The firmware command kinds, on the one command lifecycle (references, retries, expiry, acks):
//   firmware        the offer: the signed manifest; the device checks signature, model, version and answers
//                   `offered` with how many chunks it already holds (have=N), so a transfer resumes there
//   firmwareChunk   one numbered chunk of the image with its SHA-256 (base64 on the wire, the body holds only
//                   the package and index: the bytes come from the package store when the command is sent)
//   firmwareInstall verify the whole image, write the inactive slot, boot it; `updated` or `rolled_back`
import { z } from 'zod';
import { chunkOf, sha256Hex, type FirmwareManifest } from '../../protocols/index.ts';
import type { CommandKind } from '../../gateway/index.ts';

export interface LoadedPackage {
  id: number;
  manifest: FirmwareManifest;
  signature: string;
  image: Buffer;
}

/** Packages in memory by id, loaded before their commands are issued (wire() is synchronous). */
export type PackageCache = Map<number, LoadedPackage>;

export const FIRMWARE_KINDS = ['firmware', 'firmwareChunk', 'firmwareInstall'] as const;

function loaded(cache: PackageCache, id: number): LoadedPackage {
  const p = cache.get(id);
  if (!p) throw new Error(`firmware package ${id} is not loaded`);
  return p;
}

export function firmwareCommandKinds(cache: PackageCache): CommandKind[] {
  const offer: CommandKind<{ type: 'firmware'; firmwareId: number }> = {
    type: 'firmware',
    body: z.object({ type: z.literal('firmware'), firmwareId: z.number().int().positive() }).strict(),
    action: () => 'offer',
    wire: (b) => {
      const p = loaded(cache, b.firmwareId);
      return { firmwareId: p.id, manifest: p.manifest, signature: p.signature };
    },
  };
  const chunk: CommandKind<{ type: 'firmwareChunk'; firmwareId: number; index: number }> = {
    type: 'firmwareChunk',
    body: z.object({ type: z.literal('firmwareChunk'), firmwareId: z.number().int().positive(), index: z.number().int().nonnegative() }).strict(),
    action: (b) => `chunk ${b.index}`,
    wire: (b) => {
      const p = loaded(cache, b.firmwareId);
      const data = chunkOf(p.image, b.index, p.manifest.chunkSize);
      return { firmwareId: p.id, index: b.index, sha256: sha256Hex(data), data: data.toString('base64') };
    },
  };
  const install: CommandKind<{ type: 'firmwareInstall'; firmwareId: number }> = {
    type: 'firmwareInstall',
    body: z.object({ type: z.literal('firmwareInstall'), firmwareId: z.number().int().positive() }).strict(),
    action: () => 'install',
    wire: (b) => ({ firmwareId: b.firmwareId }),
  };
  return [offer, chunk, install] as unknown as CommandKind[];
}
