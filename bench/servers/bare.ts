import Fastify from 'fastify';

/** The floor for HTTP benchmarks: a bare Fastify route answering a constant, same JSON shape. */
const app = Fastify({ logger: false });
const body = {
  neighbourhood: { code: 'centro-storico-nord', name: 'Centro Storico Nord' },
  zone: { code: 'centro', name: 'Zona Centro' },
  approximate: true,
};
app.get('/api/v1/territory/locate', async () => body);
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write(`listening ${(app.server.address() as { port: number }).port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
