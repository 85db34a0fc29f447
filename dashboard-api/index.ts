// Public face of dashboard-api/: the HTTP shell (Fastify). It knows no module; modules bring routes plugins.
export { buildApi } from './app.ts';
export type { RaseedApp, ApiContext, ApiPlugin, Principal, Role } from './types.ts';
export { requireRole, canSeeMeter, inAreas, OPERATOR_ROLES, bearerToken } from './auth.ts';
export { HttpProblem, Problem, problemResponses, problemOf, STATUS_OF, unauthorized, forbidden, notFound, conflict, badRequest } from './problem.ts';
export { loadTls, selfSigned, TlsConfigError, type TlsMaterial } from './tls.ts';
