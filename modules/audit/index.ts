// Public face of modules/audit/: the append-only audit log every module writes to.
export { AuditWriter, createAuditWriter, auditCsv, requestActor, type AuditEntry, type AuditRecord, type AuditFilter, type AuditActor } from './audit.ts';
export { auditModule, createAuditModule, auditWriterOf, type AuditApi, type AuditModuleOptions } from './module.ts';
