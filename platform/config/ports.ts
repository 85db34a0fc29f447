// Port selection as Vite does it: a default port that is taken moves to a free one (and the banner says so);
// a port the user chose that is taken is an error.
import net from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(readonly what: string, readonly port: number, readonly setting: string) {
    super(`${what} port ${port} is already in use (set by ${setting}); choose another port or stop whatever is using it`);
  }
}

export function isPortFree(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

export interface PortChoice {
  port: number;
  /** True when the default was taken and another port was chosen. */
  moved: boolean;
}

/** Resolves the port to listen on. 0 means "any free port" (tests). */
export async function choosePort(what: string, wanted: number, explicit: boolean, setting: string, host = '0.0.0.0'): Promise<PortChoice> {
  if (wanted === 0) return { port: 0, moved: false };
  if (await isPortFree(wanted, host)) return { port: wanted, moved: false };
  if (explicit) throw new PortInUseError(what, wanted, setting);
  for (let p = wanted + 1; p < wanted + 100 && p <= 65535; p++) {
    if (await isPortFree(p, host)) return { port: p, moved: true };
  }
  return { port: 0, moved: true };
}
