// The commands a serial meter takes through programming mode: the kinds every Raseed meter understands (token, relay,
// time sync) and the three firmware kinds (offer, chunk, install), which the bus carries to the meter's bootloader
// as register writes (protocols/iec62056/firmware.ts). Anything else is refused as unsupported before the bus.
import { z } from 'zod';
import { FirmwareChunkWire, FirmwareInstallWire, FirmwareOfferWire, MeterCommand, type CommandEnvelope } from '../../protocols/index.ts';

const envelope = { v: z.literal(1), ref: z.string().min(1).max(64), expiresAt: z.number().int().optional() };
export const SerialFirmwareCommand = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('firmware'), ...FirmwareOfferWire.shape }),
  z.object({ ...envelope, type: z.literal('firmwareChunk'), ...FirmwareChunkWire.shape }),
  z.object({ ...envelope, type: z.literal('firmwareInstall'), ...FirmwareInstallWire.shape }),
]);
export type SerialFirmwareCommand = z.infer<typeof SerialFirmwareCommand>;
export type SerialCommand = MeterCommand | SerialFirmwareCommand;

/** A command envelope as a serial command: the command, or why not ('unsupported' kind, 'malformed' body). */
export function parseSerialCommand(cmd: CommandEnvelope): { ok: true; cmd: SerialCommand } | { ok: false; result: 'unsupported' | 'malformed'; detail: string } {
  const m = MeterCommand.safeParse(cmd);
  if (m.success) return { ok: true, cmd: m.data };
  if (cmd.type === 'firmware' || cmd.type === 'firmwareChunk' || cmd.type === 'firmwareInstall') {
    const f = SerialFirmwareCommand.safeParse(cmd);
    if (f.success) return { ok: true, cmd: f.data };
    return { ok: false, result: 'malformed', detail: `not a valid ${cmd.type} command: ${f.error.issues[0]?.path.join('.') ?? ''} ${f.error.issues[0]?.message ?? ''}`.trim() };
  }
  if (cmd.type === 'token' || cmd.type === 'relay' || cmd.type === 'timeSync') return { ok: false, result: 'malformed', detail: `not a valid ${cmd.type} command` };
  return { ok: false, result: 'unsupported', detail: `serial meters do not take ${cmd.type} commands` };
}
