import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './kernel/config.ts';
import { runMigrations } from './kernel/db/index.ts';
import { openDatabase, StartupError } from './kernel/db/open.ts';
import type { CommandContext, CommandDecl } from './kernel/module.ts';
import { CityRegistry } from './kernel/tenancy/registry.ts';
import { modules } from './modules/index.ts';
import { citiesDir, seedCity } from './seed.ts';

const out = (m: string) => process.stdout.write(`${m}\n`);

const kernelCommands: Record<string, CommandDecl> = {
  migrate: {
    summary: 'Apply the database migrations',
    usage: 'migrate',
    async run(ctx) {
      await runMigrations(ctx.database);
      out('Migrations applied.');
    },
  },
  seed: {
    summary: "Load a city's territory and reference data (and demo data unless --no-demo)",
    usage: 'seed [--city <code>] [--dir <folder>] [--no-demo]',
    async run(ctx, args) {
      const { values } = parseArgs({
        args,
        options: { city: { type: 'string' }, dir: { type: 'string' }, 'no-demo': { type: 'boolean' } },
      });
      const code = values.city ?? ctx.config.defaultCity;
      const demo = !values['no-demo'];
      if (demo && ctx.config.env === 'production') throw new Error('Demo data is never loaded in production');
      await runMigrations(ctx.database);
      const dir = values.dir ? path.resolve(values.dir) : path.join(citiesDir, code);
      await seedCity({ config: ctx.config, database: ctx.database, modules, log: out }, code, demo, dir);
      out(`Loaded ${code}${demo ? ' with demo data' : ''}.`);
    },
  },
  'city load': {
    summary: 'Load another city from a folder shaped like data/cities/brescia (see its README)',
    usage: 'city load <folder> [--demo]',
    async run(ctx, args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { demo: { type: 'boolean' } },
      });
      const dir = positionals[0];
      if (!dir) throw new Error(`usage: ${this.usage}`);
      await runMigrations(ctx.database);
      await seedCity(
        { config: ctx.config, database: ctx.database, modules, log: out },
        path.basename(dir),
        Boolean(values.demo),
        path.resolve(dir),
      );
      out(`Loaded the city in ${dir}.`);
    },
  },
};

const commands: Record<string, CommandDecl> = {
  ...kernelCommands,
  ...Object.assign({}, ...modules.map((m) => m.commands ?? {})),
};

function help(): void {
  out('Città del Noi — npm run noi -- <command>\n');
  for (const c of Object.values(commands)) out(`  ${c.usage.padEnd(60)} ${c.summary}`);
}

async function main(argv: string[]): Promise<number> {
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((n) => n in commands);
  if (!name) {
    help();
    return argv.length === 0 || argv[0] === 'help' ? 0 : 2;
  }
  const args = argv.slice(name.split(' ').length);
  const config = loadConfig();
  const opened = await openDatabase(config);
  const registry = new CityRegistry(opened.database.pool, config.defaultCity, 0);
  const ctx: CommandContext = {
    config,
    database: opened.database,
    out,
    async city(code) {
      const city = await registry.byCityCode(code ?? config.defaultCity);
      if (!city) throw new Error(`No city "${code ?? config.defaultCity}" in this database`);
      return city;
    },
  };
  try {
    await commands[name]!.run(ctx, args);
    return 0;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    const known = error instanceof ConfigError || error instanceof StartupError;
    const fields = (error as { fields?: { field: string; message: string }[] }).fields;
    process.stderr.write(`${known ? '' : 'Error: '}${(error as Error).message}\n`);
    for (const f of fields ?? []) process.stderr.write(`  ${f.field}: ${f.message}\n`);
    process.exit(1);
  },
);
