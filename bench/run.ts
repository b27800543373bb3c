import { readdirSync } from 'node:fs';
import path from 'node:path';

/** `npm run bench -- <name>` runs bench/<name>.ts; without a name, lists them. */
const name = process.argv[2];
const dir = import.meta.dirname;
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'lib.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !available.includes(name)) {
  process.stdout.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}\n`);
  process.exit(name ? 2 : 0);
}
process.argv.splice(2, 1);
await import(path.join(dir, `${name}.ts`));
