// SMS over SMPP 3.4 to the utility's SMSC (SMPP_URL = smpp://system_id:password@host:2775?source=RASEED,
// ssmpp:// for TLS). One transceiver bind, made on first use and again after the link drops. A text longer
// than one SMS goes as concatenated parts (UDH, 8-bit reference): GSM-7 (data_coding 0) or UCS-2
// (data_coding 8) as sms.ts decides. Every part asks for a delivery receipt; receipts (deliver_sm with
// esm_class 0x04) are passed on by provider id.
import * as smpp from 'smpp';
import { ChannelError, type Channel, type DeliveryReceipt, type OutgoingMessage, type SendResult } from './channel.ts';
import { smsParts } from './sms.ts';

export interface SmppOptions {
  url: string;
  /** Per-PDU answer deadline (default 10 s). */
  timeoutMs?: number;
}

const STATE_NAMES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };
const FINAL_FAILED = new Set(['EXPIRED', 'DELETED', 'UNDELIV', 'REJECTD', 'UNKNOWN']);
/** SMSC answers meaning "this message will never go": bad destination, bad length, barred. Others (throttled, system error) are retried. */
const PERMANENT_STATUS = new Set([0x01, 0x0a, 0x0b, 0x0c, 0x45, 0x62, 0x63, 0x66]);

/** Parses a delivery receipt: the TLVs when present, else the SMSC's conventional text ("id:… stat:DELIVRD …"). */
export function parseReceipt(pdu: Record<string, unknown>): DeliveryReceipt | null {
  const sm = pdu.short_message as { message?: unknown } | string | Buffer | undefined;
  const text = typeof sm === 'string' ? sm : Buffer.isBuffer(sm) ? sm.toString('latin1') : typeof sm?.message === 'string' ? sm.message : Buffer.isBuffer(sm?.message) ? (sm!.message as Buffer).toString('latin1') : '';
  const id = (pdu.receipted_message_id as string | undefined) ?? /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const state = typeof pdu.message_state === 'number' ? STATE_NAMES[pdu.message_state] : /stat:(\w+)/i.exec(text)?.[1]?.toUpperCase();
  if (!id || !state) return null;
  return { providerId: String(id).replace(/\0+$/, ''), delivered: state === 'DELIVRD', status: state };
}

export class SmppChannel implements Channel {
  readonly name = 'sms' as const;
  private session: smpp.Session | null = null;
  private bound: Promise<smpp.Session> | null = null;
  private readonly receipts: ((r: DeliveryReceipt) => void)[] = [];
  private ref = Math.floor(Math.random() * 256);
  private readonly url: URL;
  private closed = false;

  constructor(private readonly o: SmppOptions) {
    this.url = new URL(o.url);
  }

  onReceipt(fn: (r: DeliveryReceipt) => void): void {
    this.receipts.push(fn);
  }

  private bind(): Promise<smpp.Session> {
    if (this.bound) return this.bound;
    const u = this.url;
    const p = new Promise<smpp.Session>((resolve, reject) => {
      const s = smpp.connect({ url: `${u.protocol}//${u.host}`, auto_enquire_link_period: 30_000 });
      const timer = setTimeout(() => fail(new ChannelError('SMSC did not answer the bind in time', false)), this.o.timeoutMs ?? 10_000);
      const fail = (err: Error) => {
        clearTimeout(timer);
        this.reset(s);
        reject(err instanceof ChannelError ? err : new ChannelError(`SMSC unreachable: ${err.message}`, false));
      };
      s.on('error', fail);
      s.on('close', () => this.reset(s));
      s.on('deliver_sm', (pdu: smpp.PDU) => {
        s.send(pdu.response());
        if (((pdu.esm_class as number) & 0x3c) !== 0x04) return;
        const r = parseReceipt(pdu);
        if (r) for (const fn of this.receipts) fn(r);
      });
      s.on('enquire_link', (pdu: smpp.PDU) => s.send(pdu.response()));
      s.on('unbind', (pdu: smpp.PDU) => {
        s.send(pdu.response());
        this.reset(s);
      });
      s.on('connect', () => {
        s.bind_transceiver({ system_id: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }, (pdu) => {
          clearTimeout(timer);
          if (pdu.command_status !== 0) {
            this.reset(s);
            reject(new ChannelError(`SMSC refused the bind (status ${pdu.command_status})`, false));
          } else resolve(s);
        });
      });
      this.session = s;
    });
    this.bound = p;
    p.catch(() => {});
    return p;
  }

  private reset(s: smpp.Session): void {
    if (this.session !== s) return;
    this.session = null;
    this.bound = null;
    try {
      s.destroy();
    } catch {}
  }

  private submit(s: smpp.Session, fields: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ChannelError('SMSC did not answer submit_sm in time', false)), this.o.timeoutMs ?? 10_000);
      s.submit_sm(fields, (pdu) => {
        clearTimeout(timer);
        if (pdu.command_status === 0) resolve(String(pdu.message_id ?? '').replace(/\0+$/, ''));
        else reject(new ChannelError(`SMSC refused the message (status 0x${pdu.command_status.toString(16)})`, PERMANENT_STATUS.has(pdu.command_status)));
      });
    });
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (this.closed) throw new ChannelError('SMS channel closed', false);
    const to = m.to.replace(/^\+/, '');
    if (!/^\d{6,15}$/.test(to)) throw new ChannelError('not an international phone number', true);
    const s = await this.bind();
    const { encoding, parts } = smsParts(m.text);
    const base = {
      source_addr_ton: /^\d+$/.test(this.url.searchParams.get('source') ?? '') ? 1 : 5, source_addr_npi: 0,
      source_addr: this.url.searchParams.get('source') ?? 'RASEED',
      dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: to, registered_delivery: 1,
      data_coding: encoding === 'gsm7' ? 0x00 : 0x08,
    };
    const ids: string[] = [];
    if (parts.length === 1) ids.push(await this.submit(s, { ...base, short_message: m.text }));
    else {
      const ref = (this.ref = (this.ref + 1) % 256);
      for (let i = 0; i < parts.length; i++) {
        const udh = Buffer.from([0x05, 0x00, 0x03, ref, parts.length, i + 1]);
        ids.push(await this.submit(s, { ...base, esm_class: 0x40, short_message: { udh, message: parts[i] } }));
      }
    }
    return { providerIds: ids, delivered: false };
  }

  async close(): Promise<void> {
    this.closed = true;
    const s = this.session;
    this.session = null;
    this.bound = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        try {
          s.destroy();
        } catch {}
        resolve();
      }, 1000);
      try {
        s.unbind({}, () => {
          clearTimeout(t);
          s.close();
          resolve();
        });
      } catch {
        clearTimeout(t);
        resolve();
      }
    });
  }
}

export { FINAL_FAILED };
