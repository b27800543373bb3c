import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { modules } from '../../modules/index.ts';
import { AppError } from '../errors.ts';
import { defineModule } from '../module.ts';

/** A module that exists only in this test, to exercise the conventions every route gets. */
const probeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/probe',
    {
      config: { access: { public: true } },
      schema: {
        body: z.object({
          name: z.string().min(2).max(20),
          age: z.number().int().min(0),
          tags: z.array(z.string()).max(2),
        }),
        response: { 201: z.object({ ok: z.boolean() }) },
      },
    },
    async (_request, reply) => reply.status(201).send({ ok: true }),
  );
  app.get('/probe/boom', { config: { access: { public: true } }, schema: {} }, async () => {
    throw new Error('secret internal detail');
  });
  app.get('/probe/conflict', { config: { access: { public: true } }, schema: {} }, async () => {
    throw new AppError('conflict');
  });
  app.get(
    '/probe/private',
    { config: { access: { permission: 'territory.import' } }, schema: {} },
    async () => ({}),
  );
};
const probe = defineModule({ name: 'probe', routes: probeRoutes });

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ modules: [...modules, probe] });
});
afterAll(async () => {
  await t.close();
});

const expectProblem = (
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) => {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  const body = res.json() as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^\/api\/problems\/[a-z-]+$/);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(res.headers['x-request-id']);
  return body;
};

describe('problem+json for every error', () => {
  it('unknown API routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    const body = expectProblem(res, 404);
    expect(body.code).toBe('route_not_found');
    expect(body.detail).toContain('/api/v1/nowhere');
  });

  it('malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/probe',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "ab",',
    });
    expect(expectProblem(res, 400).code).toBe('bad_json');
  });

  it('wrong types, each field named, in the language asked for', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/probe',
      headers: { 'accept-language': 'en' },
      payload: { name: 'a', age: 'old', tags: ['x', 'y', 'z'] },
    });
    const body = expectProblem(res, 400);
    expect(body.title).toBe('Invalid data');
    const fields = (body.errors as { field: string; in: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['age', 'name', 'tags']);
    expect((body.errors as { in: string }[])[0]?.in).toBe('body');
  });

  it('missing fields are reported as required (Italian by default)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/probe', payload: {} });
    const body = expectProblem(res, 400);
    expect(body.title).toBe('Dati non validi');
    expect((body.errors as { message: string }[]).every((e) => e.message === 'Campo obbligatorio')).toBe(
      true,
    );
  });

  it('an unsupported content type', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/probe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=abc',
    });
    expect(expectProblem(res, 415).code).toBe('unsupported_media_type');
  });

  it('a body over the size limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/probe',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(expectProblem(res, 413).code).toBe('payload_too_large');
  });

  it('an unexpected failure: 500 with the request id, never the internal message or a stack', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/probe/boom',
      headers: { 'x-request-id': 'req-12345678' },
    });
    const body = expectProblem(res, 500);
    expect(body.requestId).toBe('req-12345678');
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(body.detail).toContain('req-12345678');
  });

  it('domain errors keep their stable type', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/probe/conflict' });
    expect(expectProblem(res, 409).type).toBe('/api/problems/conflict');
  });

  it('a protected route without a session: 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/probe/private' });
    expect(expectProblem(res, 401).code).toBe('unauthenticated');
  });

  it('every problem type is documented at its URI', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/problems/outside-city' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 404, title: 'Fuori dal territorio' });
    expect((await t.app.inject({ method: 'GET', url: '/api/problems/nope' })).statusCode).toBe(404);
  });
});

describe('platform routes', () => {
  it('GET /api/health reports the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('serves OpenAPI 3.1 with every API route of every module and the Problem schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/territory', '/api/v1/territory/locate']),
    );
    expect(doc.components.schemas).toHaveProperty('Problem');
    const locate = doc.paths['/api/v1/territory/locate'].get;
    expect(locate.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['lat', 'lon']);
    expect(locate.responses).toHaveProperty('4XX');
  });

  it('serves the API docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(res.statusCode);
  });

  it('refuses to boot with a route that declares no access', async () => {
    const bad = defineModule({
      name: 'bad',
      routes: async (app) => {
        app.get('/undeclared', async () => ({}));
      },
    });
    await expect(buildTestApp({ modules: [...modules, bad] })).rejects.toThrow(/declares no access/);
  });

  it('answers with a request id and the content language', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-language': 'fr, en;q=0.5' },
    });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['content-language']).toBe('en');
  });
});
