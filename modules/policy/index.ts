// Public face of modules/policy/: the disconnection policy as data (versioned rule sets, calendars), its
// pure evaluator, the shipped default profile, and the runtime (relay requests, scheduler, API routes) as
// the policy module.
export {
  ServiceType, RelayAction, Reason, CutReason, ReconnectReason, ProtectedCategory, Calendar, CalendarPeriodKind, Rules, RuleSet, DecisionView, RULE_IDS,
  PolicyError, parseRuleSet, decisionView,
  type RuleSetInput, type RuleId, type EvaluationInput, type Verdict, type Outcome, type RuleVerdict, type Decision,
} from './schema.ts';
export { evaluate } from './evaluate.ts';
export { DEFAULT_RULE_SET, DEFAULT_RULE_SET_INPUT, OMAN_CALENDAR_2026_2027 } from './profiles.ts';
export { localParts, localToInstant, formatLocal } from './time.ts';
export { RelayError, type RelayErrorCode } from './errors.ts';
// The runtime: the relay service and the module, for the composition root, other modules and tests.
export { RelayService, SYSTEM_PAYMENT, SYSTEM_SCHEDULER } from './service.ts';
export { policyModule, createPolicyModule, defaultRuleSetFor, RELAY_COMMAND, type PolicyApi, type PolicyModuleOptions } from './module.ts';
export type {
  Actor, RelayOutcome, RelayStatus, BulkOutcome, BulkRecord, HeatOverride, RelayRequestInput, TemperatureSource, AccountSource, PolicyNoticeEvent,
} from './service.ts';
// The water alternatives to a cut: flow limits (the flow_limit command kind) and payment reminders.
export { WaterService, FLOW_LIMIT_COMMAND, type FlowLimitBody, type WaterAction, type WaterState, type WaterOutcome, type FlowState } from './water.ts';
