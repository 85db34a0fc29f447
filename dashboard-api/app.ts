// The Fastify shell: schema first (zod schemas are validation, serialisation and the OpenAPI document at
// once), problem+json errors through one table, bearer auth, health, the console, and the modules' routes
// plugins, each in its own encapsulated scope. It knows no module: the composition root hands them in.
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { existsSync } from 'node:fs';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import {
  hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ApiContext, RaseedApp } from './types.ts';
import { authHook } from './auth.ts';
import { problemOf } from './problem.ts';
import { healthRoutes } from './health.ts';
import { TicketBook, ticketRoutes } from './tickets.ts';
import { guardBody, guardUrl, redactUrl, trustedProxies } from './input-guard.ts';

export async function buildApi(ctx: ApiContext): Promise<RaseedApp> {
  const app = Fastify({
    // Per-request logs only at debug: a console polling every few seconds would drown everything else.
    loggerInstance: ctx.logger.child({ part: 'api' }, { level: ctx.logger.level === 'info' ? 'warn' : ctx.logger.level }) as FastifyBaseLogger,
    // X-Forwarded-For only from the proxies named in TRUST_PROXY (none by default): anyone else could forge the
    // address that audit entries and sign-in throttling rely on.
    trustProxy: trustedProxies(ctx.config.TRUST_PROXY),
    bodyLimit: 256 * 1024,
    // Fastify's own request logs would print URLs with tickets in them: ours (below) redact them.
    logController: new LogController({ disableRequestLogging: true }),
    ...(ctx.tls ? { https: { key: ctx.tls.key, cert: ctx.tls.cert, minVersion: 'TLSv1.2' as const } } : {}),
  } as Parameters<typeof Fastify>[0]).withTypeProvider<ZodTypeProvider>() as unknown as RaseedApp;
  app.addHook('onResponse', async (req, reply) => {
    req.log.debug({ method: req.method, url: redactUrl(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime), ip: req.ip }, 'request');
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    const known = problemOf(err);
    if (known) {
      if (typeof known.extra.retryAfter === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(known.extra.retryAfter))));
      return reply.code(known.status).type('application/problem+json').send(known.toJSON());
    }
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

  // Security headers. The console is bundled (no CDN, no inline script): scripts only from here; styles allow
  // inline attributes (lit templates set bar widths with style="..."); data: images (the inline favicon).
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], scriptSrcAttr: ["'none'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'], fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"], objectSrc: ["'none'"],
        baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS only when this server speaks HTTPS: over plain HTTP it would be ignored, and it must not pin a host name
    // that a utility serves over HTTP on its LAN.
    strictTransportSecurity: ctx.tls ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
  });
  // Nothing the API answers may be kept by a browser or proxy cache: answers carry session tokens, tickets,
  // STS tokens and personal data.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(compress, { global: true, threshold: 1024 });

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
  app.addHook('onRequest', guardUrl);
  app.addHook('preValidation', guardBody);
  const tickets = new TicketBook();
  app.addHook('onRequest', authHook(ctx.authenticate, tickets));

  for (const plugin of [healthRoutes, ticketRoutes(tickets), ...(ctx.plugins ?? [])]) {
    await app.register(async (scope) => plugin(scope as unknown as RaseedApp, ctx));
  }

  if (ctx.consoleDir && existsSync(ctx.consoleDir)) {
    // Vite's hashed assets (assets/name-<hash>.js) never change under their name: cached for a year, immutable;
    // index.html is revalidated every time. Source maps are not served in production.
    const maps = ctx.serveSourceMaps ?? process.env.NODE_ENV !== 'production';
    await app.register(fastifyStatic, {
      root: ctx.consoleDir, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: false,
      allowedPath: (pathName) => maps || !pathName.endsWith('.map'),
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}
