import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import { type Lang, negotiateLang } from '../i18n/index.ts';
import type { CityRegistry } from '../tenancy/registry.ts';
import { makeProblem, Problem, problemFromError, routeParams } from './problem.ts';
import './types.ts';

export interface HttpOptions {
  config: Config;
  database: Database;
  cities: CityRegistry;
  /** Folder of the built web app (index.html and assets); not served when absent. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** An existing pino logger (the one the process logs with) instead of `logger` options. */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
}

/** One log line per request (when it completes), not two: logging is a real part of a small answer's cost. */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
}

const requestIdPattern = /^[\w.-]{8,64}$/;

/** The Fastify instance every module is registered on: conventions shared by all routes. */
export async function createHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logging: FastifyServerOptions = options.loggerInstance
    ? { loggerInstance: options.loggerInstance }
    : {
        logger: options.logger ?? {
          level: config.logLevel,
          redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        },
      };
  const app = Fastify({
    ...logging,
    bodyLimit: 1024 * 1024,
    trustProxy: config.env === 'production',
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logController: new OneLinePerRequest(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('database', options.database);
  app.decorate('cities', options.cities);
  app.decorateRequest('lang', 'it' as Lang);
  app.decorateRequest('city', null as never);

  app.addHook('onRequest', (request, reply, done) => {
    request.lang = negotiateLang(request.headers['accept-language']);
    reply.header('x-request-id', request.id);
    reply.header('content-language', request.lang);
    if (!request.url.startsWith('/api/')) return done();
    // The registry is fresh nearly always: answer without a promise then.
    let city: ReturnType<typeof app.cities.forHostIfFresh>;
    try {
      city = app.cities.forHostIfFresh(request.headers.host);
    } catch (error) {
      return done(error as Error);
    }
    if (city) {
      request.city = city;
      return done();
    }
    app.cities.forHost(request.headers.host).then((c) => {
      request.city = c;
      done();
    }, done);
  });

  // Every API route documents its problems; handlers throw AppError and never shape errors themselves.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || !route.schema) return;
    const response = (route.schema.response ?? {}) as Record<string, unknown>;
    route.schema.response = { ...response, '4xx': Problem, '5xx': Problem };
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = problemFromError(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, url: request.url }, 'request refused');
    const headers = (error as { headers?: Record<string, string> }).headers;
    if (headers?.['retry-after']) reply.header('retry-after', headers['retry-after']);
    return reply.status(problem.status).type('application/problem+json').send(problem);
  });

  const indexHtml = options.webDir ? path.join(options.webDir, 'index.html') : undefined;
  const hasWeb = indexHtml !== undefined && existsSync(indexHtml);
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api') && hasWeb;
    if (wantsPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    const problem = makeProblem('route_not_found', request.lang ?? 'it', {
      params: routeParams(request),
      instance: request.url,
      requestId: String(request.id),
    });
    return reply.status(404).type('application/problem+json').send(problem);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Città del Noi API',
        version: '1',
        description:
          'API of Città del Noi, the platform of a city’s community-welfare programme. Errors are RFC 9457 ' +
          'problems (`application/problem+json`) with a stable `type`; texts follow `Accept-Language` (it, en).',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () =>
    app.swagger(),
  );

  if (hasWeb && options.webDir) {
    await app.register(fastifyStatic, {
      root: options.webDir,
      wildcard: false,
      index: ['index.html'],
      maxAge: '1h',
      setHeaders(res, file) {
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  return app;
}
