// Public face of policy/: the disconnection policy as data (versioned rule sets, calendars), its pure
// evaluator and the shipped default profile. The runtime (audit log, relay requests, scheduler, API
// wiring) is the stack module in policy/module.ts.
export {
  ServiceType, RelayAction, Reason, CutReason, ReconnectReason, ProtectedCategory, Calendar, CalendarPeriodKind, Rules, RuleSet, DecisionView, RULE_IDS,
  PolicyError, parseRuleSet, decisionView,
  type RuleSetInput, type RuleId, type EvaluationInput, type Verdict, type Outcome, type RuleVerdict, type Decision,
} from './schema.ts';
export { evaluate } from './evaluate.ts';
export { DEFAULT_RULE_SET, DEFAULT_RULE_SET_INPUT, OMAN_CALENDAR_2026_2027 } from './profiles.ts';
export { localParts, localToInstant, formatLocal } from './time.ts';
export { RelayError, type RelayErrorCode } from './errors.ts';
export { auditCsv } from './runtime/audit.ts';
// Types of the runtime (policy/module.ts), for the API routes and other modules.
export type { AuditWriter, AuditEntry, AuditRecord, AuditFilter } from './runtime/audit.ts';
export type {
  RelayService, Actor, RelayOutcome, RelayStatus, BulkOutcome, BulkRecord, HeatOverride, RelayRequestInput, TemperatureSource, AccountSource,
} from './runtime/service.ts';
