// Test peers the channel suite and the outbox tests start: a local SMSC (the `smpp` package's server side),
// a local SMTP server (`smtp-server`) and a node:http webhook receiver. Test-only: nothing in the module imports it.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';
import { SMTPServer } from 'smtp-server';
import { signWebhook } from './channel-webhook.ts';

export interface Received {
  to: string;
  text: string;
  subject?: string;
  key?: string;
  /** SMS: the parts it came in, and their data_coding. */
  parts?: number;
  dataCoding?: number;
}

export interface TestPeer {
  url: string;
  received: Received[];
  /** The next n messages are refused: temporarily (retry) or for good. */
  failNext(n: number, permanent?: boolean): void;
  stop(): Promise<void>;
}

export async function startSmsc(o: { receipts?: 'DELIVRD' | 'UNDELIV' | 'none' } = {}): Promise<TestPeer & { sessions: number }> {
  const received: Received[] = [];
  let fail = 0;
  let failPermanent = false;
  let seq = 0;
  const pending = new Map<string, { parts: string[]; got: number; to: string; dc: number }>();
  const sessions = new Set<smpp.Session>();
  const peer = { url: '', received, sessions: 0, failNext(n: number, permanent = false) { fail = n; failPermanent = permanent; }, stop: async () => {} };
  const server = smpp.createServer({}, (session) => {
    sessions.add(session);
    peer.sessions++;
    session.on('error', () => {});
    session.on('close', () => sessions.delete(session));
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      session.send(pdu.response(pdu.system_id === 'raseed' && pdu.password === 'secret' ? {} : { command_status: 0x0e }));
    });
    session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.PDU) => { session.send(pdu.response()); session.close(); });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      if (fail > 0) {
        fail--;
        session.send(pdu.response({ command_status: failPermanent ? 0x0b : 0x58 }));
        return;
      }
      const id = `m${++seq}`;
      session.send(pdu.response({ message_id: id }));
      const sm = pdu.short_message as { udh?: Buffer[]; message: string };
      const to = String(pdu.destination_addr);
      const udh = sm.udh?.[0];
      if (udh && udh[0] === 0x00) {
        const key = `${to}:${udh[2]}`;
        const p = pending.get(key) ?? { parts: new Array<string>(udh[3]!).fill(''), got: 0, to, dc: pdu.data_coding as number };
        p.parts[udh[4]! - 1] = sm.message;
        p.got++;
        pending.set(key, p);
        if (p.got === p.parts.length) {
          pending.delete(key);
          received.push({ to, text: p.parts.join(''), parts: p.parts.length, dataCoding: p.dc });
        }
      } else received.push({ to, text: sm.message, parts: 1, dataCoding: pdu.data_coding as number });
      const stat = o.receipts ?? 'DELIVRD';
      if (stat !== 'none') {
        setImmediate(() => session.deliver_sm({
          esm_class: 0x04, source_addr: to, destination_addr: String(pdu.source_addr), receipted_message_id: id, message_state: stat === 'DELIVRD' ? 2 : 5,
          short_message: `id:${id} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2611300930 done date:2611300930 stat:${stat} err:000 text:`,
        }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  peer.url = `smpp://raseed:secret@127.0.0.1:${port}?source=RASEED`;
  peer.stop = async () => {
    for (const s of sessions) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return peer;
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const src = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(src.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(s: string): string {
  return s.replace(/\s*=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')));
}

/** Just enough MIME for one text/plain part. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = rest.join('\n\n');
  const cte = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') body = decodeQp(body);
  if (headers.subject) headers.subject = decodeWords(headers.subject);
  return { headers, text: body.replace(/\r?\n$/, '') };
}

export async function startSmtp(): Promise<TestPeer> {
  const received: Received[] = [];
  let fail = 0;
  let failPermanent = false;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(_addr, _session, cb) {
      if (fail > 0) {
        fail--;
        const err = new Error(failPermanent ? 'mailbox unavailable' : 'try again later') as Error & { responseCode: number };
        err.responseCode = failPermanent ? 550 : 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const m = parseMail(Buffer.concat(chunks).toString('utf8'));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: m.text, subject: m.headers.subject, key: m.headers['message-id'] });
        cb();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?from=billing@utility.example&starttls=no`,
    received,
    failNext(n, permanent = false) { fail = n; failPermanent = permanent; },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function startWebhookReceiver(secret: string): Promise<TestPeer & { badSignatures: number; keys: string[] }> {
  const received: Received[] = [];
  let fail = 0;
  let failPermanent = false;
  const peer = {
    url: '', received, badSignatures: 0, keys: [] as string[],
    failNext(n: number, permanent = false) { fail = n; failPermanent = permanent; },
    stop: async () => {},
  };
  const server: HttpServer = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-raseed-timestamp'] ?? '');
      if (req.headers['x-raseed-signature'] !== signWebhook(secret, ts, body)) {
        peer.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      if (fail > 0) {
        fail--;
        res.writeHead(failPermanent ? 400 : 503).end();
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      peer.keys.push(key);
      const j = JSON.parse(body) as { to: string; text: string; subject: string };
      received.push({ to: j.to, text: j.text, subject: j.subject, key });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/raseed`;
  peer.stop = () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  return peer;
}
