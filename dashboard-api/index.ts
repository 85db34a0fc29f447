// Public face of dashboard-api/: the Fastify service.
export { buildApi, type RaseedApp } from './app.ts';
export type { ApiContext, ApiPlugin } from './context.ts';
export { requireRole, canSeeMeter, OPERATOR_ROLES, bearerToken } from './auth.ts';
export { HttpProblem, Problem, problemResponses, unauthorized, forbidden, notFound, conflict, badRequest } from './problem.ts';
export { toMeterView, type MeterView } from './routes/meters.ts';
export { topupRoutes, TopUpView, BreakdownSchema, type TopupRoutesOptions } from './routes/topups.ts';
export { relayRoutes, actorOf } from './routes/relay.ts';
export { commandRoutes, commandView, CommandView, type CommandReader } from './routes/commands.ts';
export { auditRoutes } from './routes/audit.ts';
