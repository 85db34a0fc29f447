// The parts of the `smpp` package (no published types) Raseed uses.
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(fields?: Record<string, unknown>): PDU;
  }
  export interface Session extends EventEmitter {
    bind_transceiver(fields: Record<string, unknown>, cb?: (pdu: PDU) => void): void;
    submit_sm(fields: Record<string, unknown>, cb?: (pdu: PDU) => void): void;
    deliver_sm(fields: Record<string, unknown>, cb?: (pdu: PDU) => void): void;
    unbind(fields?: Record<string, unknown>, cb?: (pdu: PDU) => void): void;
    send(pdu: PDU, cb?: () => void): boolean;
    close(cb?: () => void): void;
    destroy(cb?: () => void): void;
    pause(): void;
    resume(): void;
  }
  export interface Server extends EventEmitter {
    listen(port: number, host?: string, cb?: () => void): void;
    close(cb?: () => void): void;
    address(): { port: number } | string | null;
  }
  export function connect(options: Record<string, unknown> | string, cb?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export const consts: { ENCODING: Record<string, number>; ESM_CLASS: Record<string, number>; ERROR: Record<string, number>; REGISTERED_DELIVERY: Record<string, number> };
  export const ESME_ROK: number;
}
