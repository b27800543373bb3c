import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandDecl } from '../../kernel/module.ts';
import { importNeighbourhoodBoundaries } from './load.ts';

export const territoryImport: CommandDecl = {
  summary: 'Replace neighbourhood boundaries with official ones from a GeoJSON file',
  usage: 'territory import <file.geojson> [--city <code>] [--source "<where the file comes from>"]',
  async run(ctx, args) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { city: { type: 'string' }, source: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) throw new Error(`usage: ${this.usage}`);
    const city = await ctx.city(values.city);
    const collection = JSON.parse(await readFile(file, 'utf8'));
    const source = values.source ?? `imported from ${path.basename(file)}`;
    const report = await importNeighbourhoodBoundaries(ctx.database.pool, city.id, collection, source);
    ctx.out(`${city.name}: ${report.updated.length} neighbourhood boundaries replaced.`);
    for (const u of report.updated) ctx.out(`  ✓ ${u.code} (matched by ${u.matchedBy})`);
    for (const f of report.unmatchedFeatures)
      ctx.out(`  ? feature ${f.index} "${f.label}" matches no neighbourhood`);
    if (report.notCovered.length > 0) {
      ctx.out(`  Still approximate (not in the file): ${report.notCovered.join(', ')}`);
    }
  },
};
