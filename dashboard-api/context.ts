// What the API's routes need, given once at start. Optional services appear as their issues land.
import type { Db } from '../store/index.ts';
import type { Logger, LoadedConfig } from '../config/index.ts';

export interface ApiContext {
  db: Db;
  config: LoadedConfig;
  logger: Logger;
  /** Extra Fastify plugins registered under the same context (telemetry, prepaid, commands...). */
  plugins?: ApiPlugin[];
  /** Directory of the built console (served at /); absent: API only. */
  consoleDir?: string;
}

export type ApiPlugin = (app: import('./app.ts').RaseedApp, ctx: ApiContext) => Promise<void> | void;
