import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandDecl } from '../../kernel/module.ts';
import { dataPackage, exportTables, tables, toCsv } from './export.ts';

export const directoryExport: CommandDecl = {
  summary: 'Write the directory as an HSDS 3.0 Tabular Data Package (CSV tables + datapackage.json)',
  usage: 'directory export <folder> [--city <code>]',
  async run(ctx, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { city: { type: 'string' } },
    });
    const folder = positionals[0];
    if (!folder) throw new Error(`usage: ${this.usage}`);
    const city = await ctx.city(values.city);
    const data = await exportTables(ctx.database.pool, city.id);
    await mkdir(folder, { recursive: true });
    for (const t of tables) await writeFile(path.join(folder, `${t}.csv`), toCsv(t, data[t]));
    await writeFile(
      path.join(folder, 'datapackage.json'),
      `${JSON.stringify(
        dataPackage(city, (t) => `${t}.csv`),
        null,
        2,
      )}\n`,
    );
    ctx.out(
      `Wrote ${tables.length} tables of ${city.name} to ${folder}: ${data.organization.length} organisations, ${data.service.length} services, ${data.location.length} locations.`,
    );
  },
};
