// A pino logger whose lines are kept in memory, parsed: tests assert what was logged (once, with which fields).
import { pino, type Logger } from 'pino';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface CapturedLog {
  logger: Logger;
  lines: LogLine[];
  /** Lines whose message contains `text`. */
  find(text: string): LogLine[];
}

export function captureLogger(level = 'debug'): CapturedLog {
  const lines: LogLine[] = [];
  const logger = pino({ level }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { logger, lines, find: (text) => lines.filter((l) => typeof l.msg === 'string' && l.msg.includes(text)) };
}
