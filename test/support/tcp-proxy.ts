// A TCP proxy in front of a server (the broker) that a test or a bench can cut: every connection through it is
// dropped and new ones are refused until it is restored, as when a concentrator's cellular link goes away. The
// agent under test is not told anything: it sees its socket die and its reconnects fail.
import net from 'node:net';

export interface CuttableProxy {
  port: number;
  /** mqtt://127.0.0.1:<port> */
  url: string;
  readonly up: boolean;
  /** Connections accepted so far (the client's reconnects show here). */
  readonly accepted: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export function cuttableProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CuttableProxy> {
  const sockets = new Set<net.Socket>();
  let up = true;
  let accepted = 0;
  const server = net.createServer((c) => {
    if (!up) { c.destroy(); return; }
    accepted++;
    const b = net.connect(targetPort, targetHost);
    sockets.add(c).add(b);
    c.pipe(b).pipe(c);
    const end = () => { c.destroy(); b.destroy(); sockets.delete(c); sockets.delete(b); };
    c.on('error', end).on('close', end);
    b.on('error', end).on('close', end);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as net.AddressInfo).port;
    resolve({
      port,
      url: `mqtt://127.0.0.1:${port}`,
      get up() { return up; },
      get accepted() { return accepted; },
      cut() { up = false; for (const s of sockets) s.destroy(); sockets.clear(); },
      restore() { up = true; },
      close() {
        up = false;
        for (const s of sockets) s.destroy();
        sockets.clear();
        return new Promise<void>((r) => server.close(() => r()));
      },
    });
  }));
}
