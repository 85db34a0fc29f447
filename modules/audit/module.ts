// The audit module: the one audit writer every module uses, and the operators' view of the log
// (GET /api/v1/audit, JSON or CSV). It starts first so that every other module finds it.
import type { ModuleInstance, RaseedModule, StackContext } from '../../core/index.ts';
import { createAuditWriter, type AuditWriter } from './audit.ts';
import { auditRoutes } from './routes.ts';

/** What the module offers other modules (ctx.modules.get<AuditApi>('audit')). */
export interface AuditApi {
  writer: AuditWriter;
}

export interface AuditModuleOptions {
  /** The log's clock (tests fix it). */
  now?: () => number;
}

export function createAuditModule(o: AuditModuleOptions = {}): RaseedModule {
  return {
    name: 'audit',
    migrations: new URL('./migrations/', import.meta.url),
    async start(ctx: StackContext): Promise<ModuleInstance> {
      const writer = createAuditWriter(ctx.db, o.now);
      const api: AuditApi = { writer };
      return { api, plugins: [auditRoutes(writer)] };
    },
  };
}

export const auditModule: RaseedModule = createAuditModule();

/** The audit writer of this stack: the audit module's, or one on the same store when it is not running (tests of one module). */
export function auditWriterOf(ctx: Pick<StackContext, 'db' | 'modules'>): AuditWriter {
  return ctx.modules.get<AuditApi>('audit')?.writer ?? createAuditWriter(ctx.db);
}
