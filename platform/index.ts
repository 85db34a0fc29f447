// Public face of platform/: what every part of Raseed stands on. Settings (one zod schema over env and
// flags), logging, port choice, the SQL store and its migration runner, the secret box that seals data at
// rest, password hashing, the metrics registry, the periodic-job scheduler and the domain error base.
export * from './config/index.ts';
export * from './db/index.ts';
export { SecretBox } from './secret-box.ts';
export { hashPassword, hashMachineSecret, verifyPassword, newSessionToken, sha256, randomPassword } from './passwords.ts';
export { metricsRegistry } from './metrics.ts';
export { periodic, type PeriodicJob } from './scheduler.ts';
export { DomainError, UnknownMeterError, type ErrorKind, type DomainErrorOptions } from './errors.ts';
export { processStart, isAlive } from './process.ts';
