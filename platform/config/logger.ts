// One pino logger for the process: pretty on a TTY, JSON otherwise. Secrets are redacted by path.
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'vendingKey', '*.vendingKey', 'decoderKey', '*.decoderKey',
  'key', '*.key', 'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', pretty = Boolean(process.stdout.isTTY)): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}

/** A logger that writes nothing: tests and library callers that did not ask for logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
