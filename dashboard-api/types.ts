// The shell's types: the Fastify instance every routes plugin receives, what the API is given at start,
// and who a request comes from. Modules' routes plugins are written against these.
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db, Logger, LoadedConfig } from '../platform/index.ts';

export type RaseedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

/** Roles a signed-in person can have. */
export type Role = 'admin' | 'supervisor' | 'operator' | 'call_centre' | 'cashier' | 'field_technician' | 'viewer' | 'subscriber';

/** The person behind a bearer token (the registry's user). */
export interface Principal {
  id: number;
  username: string;
  role: Role;
  displayName: string | null;
  locale: string;
  subscriberId: number | null;
  /** Areas an operator may see and act on; empty: every area. */
  areas?: string[];
}

export interface ApiContext {
  db: Db;
  config: LoadedConfig;
  logger: Logger;
  /** Resolves a bearer token to its person (the registry's sessions); null: not a valid session. */
  authenticate: (token: string) => Promise<Principal | null>;
  /** The modules' routes plugins, each registered in its own encapsulated scope. */
  plugins?: ApiPlugin[];
  /** Directory of the built console (served at /); absent: API only. */
  consoleDir?: string;
  /** Serve HTTPS with this key and certificate chain (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string } | null;
  /** Serve the console's source maps (*.map); default: unless NODE_ENV=production. */
  serveSourceMaps?: boolean;
}

/** A routes plugin: what a module contributes to the API. */
export type ApiPlugin = (app: RaseedApp, ctx: ApiContext) => Promise<void> | void;
