// The module contract. A business capability (registry, audit, prepaid, policy, telemetry reads, and
// next the desk, notifications, firmware) is one folder under modules/ that exports a RaseedModule:
// its migrations and command kinds, and a start() that receives what the running stack offers (StackContext) and
// returns what it adds (ModuleInstance): API route plugins, simulator hooks, shutdown.
// The composition root (app/stack.ts) starts modules in order and mounts their plugins; nothing else
// knows which modules exist. Modules reach each other only through their public face (index.ts) or
// through `ctx.modules`, never through each other's files.
import type { Db, LoadedConfig, Logger, SecretBox } from '../platform/index.ts';
import type { CommandKind, CommandService, Ingest, MeterDirectory } from '../gateway/index.ts';
import type { ApiPlugin } from '../dashboard-api/index.ts';
import type { PlannedMeter, TokenDecoderPort } from '../meter-sim/index.ts';

/** What a module gets from the running stack. */
export interface StackContext {
  db: Db;
  config: LoadedConfig;
  logger: Logger;
  /** The embedded store's directory (undefined: in memory). */
  dataDir: string | undefined;
  box: SecretBox;
  commands: CommandService;
  /** Which meters exist (the registry's, through the gateway's port). */
  directory: MeterDirectory;
  /** Null when this process runs no gateway. */
  ingest: Ingest | null;
  /** Meters connected now, as this process's gateway sees them. */
  online: Set<string>;
  /** Other modules' public APIs (ModuleInstance.api), by module name; a module started later is there once it has started. */
  modules: ModuleDirectory;
}

export interface ModuleDirectory {
  /** The api of a started module, or undefined (not started, or not part of this stack). */
  get<T>(name: string): T | undefined;
}

/** A feature plugged into the stack. */
export interface RaseedModule {
  name: string;
  /** The module's SQL migrations folder (`new URL('./migrations/', import.meta.url)`), applied before any module starts. */
  migrations?: URL;
  /** Command kinds this module sends to meters (schema of the body, its wire form); registered before any module starts. */
  commandKinds?: CommandKind[];
  start(ctx: StackContext): Promise<ModuleInstance>;
}

export interface ModuleInstance {
  plugins?: ApiPlugin[];
  /** The STS decoder a simulated meter runs (its keys come from the module that owns them). */
  simDecoderFor?: (m: PlannedMeter) => TokenDecoderPort | undefined;
  /** Registers extra data for simulated meters (e.g. STS parameters) after they are seeded. */
  afterSeed?: (plan: PlannedMeter[]) => Promise<void>;
  stop?: () => Promise<void>;
  /** What the module offers other modules and tests (ctx.modules.get(name)). */
  api?: unknown;
}
