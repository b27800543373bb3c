import { loadConfig } from '../../src/kernel/config.ts';
import { connect } from '../../src/kernel/db/index.ts';
import { buildServer } from '../../src/server.ts';

/**
 * The whole platform as the auth benchmark runs it, twice: as built for production, and with
 * BENCH_GUARD=off, the access guard switched off (every route answers everyone), for "the same read
 * without the guard". Same logger, same plugins otherwise. Never used outside bench/.
 */
const config = loadConfig();
const database = connect(process.env.DATABASE_URL!, { max: config.dbPoolSize });
const off = process.env.BENCH_GUARD === 'off';
const { app } = await buildServer({
  config,
  database,
  logger: false,
  ...(off ? { authorize: async () => {} } : {}),
});
await app.listen({ port: config.port, host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => database.close().then(() => process.exit(0))));
