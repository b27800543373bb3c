import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

export const demoPassword = 'cittadelnoi';
export const demo = {
  admin: 'admin@demo.cittadelnoi.it',
  nord: 'assistente.nord@demo.cittadelnoi.it',
  sud: 'assistente.sud@demo.cittadelnoi.it',
  citizen: 'cittadino@demo.cittadelnoi.it',
  researcher: 'ricercatore@demo.cittadelnoi.it',
} as const;

/** A signed-in client: its cookies and CSRF token ride along on every request. */
export interface Session {
  cookie: string;
  csrf: string;
  host: string;
  inject(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse>;
}

export function cookiesOf(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.cookies as { name: string; value: string }[]) out[c.name] = c.value;
  return out;
}

/** Signs in with e-mail and password through the real login route. Throws when refused. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  options: { password?: string; host?: string; ip?: string } = {},
): Promise<Session> {
  const host = options.host ?? 'localhost';
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { host },
    remoteAddress: options.ip,
    payload: { email, password: options.password ?? demoPassword },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const jar = cookiesOf(res);
  return sessionFrom(app, host, jar.noi_sid!, jar.noi_csrf!);
}

export function sessionFrom(app: FastifyInstance, host: string, sid: string, csrf: string): Session {
  const cookie = `noi_sid=${sid}; noi_csrf=${csrf}`;
  return {
    cookie,
    csrf,
    host,
    inject: (o) =>
      app.inject({
        ...o,
        headers: {
          host,
          cookie,
          ...(o.method && o.method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
          ...(o.headers as Record<string, string> | undefined),
        },
      }),
  };
}
