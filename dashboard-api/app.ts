// The Fastify application: schema first (zod schemas are validation, serialisation and the OpenAPI
// document at once), problem+json errors, bearer auth, and encapsulated route plugins.
import Fastify, { type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ApiContext } from './context.ts';
import { authHook } from './auth.ts';
import { HttpProblem } from './problem.ts';
import { healthRoutes } from './routes/health.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { meterRoutes } from './routes/meters.ts';
import { liveRoutes } from './routes/live.ts';
import { consumptionRoutes } from './routes/consumption.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { createTelemetryReader } from '../store/index.ts';

export type RaseedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export async function buildApi(ctx: ApiContext): Promise<RaseedApp> {
  const app = Fastify({
    // Per-request logs only at debug: a console polling every few seconds would drown everything else.
    loggerInstance: ctx.logger.child({ part: 'api' }, { level: ['debug', 'trace'].includes(ctx.logger.level) ? ctx.logger.level : 'warn' }) as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 256 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpProblem) return reply.code(err.status).type('application/problem+json').send(err.toJSON());
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = err.validation.map((v) => ({ path: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`, message: v.message ?? 'invalid' }));
      return reply.code(400).type('application/problem+json').send({
        type: 'https://raseed.dev/problems/validation', title: 'Bad request', status: 400,
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors,
      });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.code(status).type('application/problem+json').send({
      type: `https://raseed.dev/problems/${status >= 500 ? 'internal' : 'request'}`,
      title: status >= 500 ? 'Internal error' : 'Bad request',
      status,
      detail: status >= 500 ? 'the server could not complete the request' : (err as Error).message,
    });
  });
  app.setNotFoundHandler((req, reply) => {
    if (ctx.consoleDir && req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).type('application/problem+json').send({ type: 'https://raseed.dev/problems/not-found', title: 'Not found', status: 404, detail: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Raseed API', version: '1', description: 'Prepaid smart meters: fleet, top-ups, commands, audit, consumption.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('user', null);
  app.addHook('onRequest', authHook(ctx.db));

  await app.register(async (scope) => healthRoutes(scope as unknown as RaseedApp, ctx));
  await app.register(async (scope) => sessionRoutes(scope as unknown as RaseedApp, ctx));
  await app.register(async (scope) => meterRoutes(scope as unknown as RaseedApp, ctx));
  await app.register(async (scope) => liveRoutes(scope as unknown as RaseedApp, ctx));
  // Consumption history and fleet aggregates (InfluxDB when configured, else the SQL store) and /metrics.
  for (const plugin of [consumptionRoutes(createTelemetryReader(ctx.config, ctx.db)), metricsRoutes(), ...(ctx.plugins ?? [])]) {
    await app.register(async (scope) => plugin(scope as unknown as RaseedApp, ctx));
  }

  if (ctx.consoleDir && existsSync(ctx.consoleDir)) {
    await app.register(fastifyStatic, { root: ctx.consoleDir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
