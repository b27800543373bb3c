import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { audit } from '../../kernel/audit/index.ts';
import type { Lang } from '../../kernel/i18n/messages.ts';
import type { CommandDecl } from '../../kernel/module.ts';
import { importMessage } from './import/messages.ts';
import { type ImportIssue, maxFileBytes, parseDirectoryFile } from './import/parse.ts';
import { auditDetail, type ImportReport, importDirectory } from './import/run.ts';

/** A text progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr, width = 30) {
  let lastShown = -1;
  return {
    update(processed: number, total: number) {
      const ratio = total > 0 ? Math.min(1, processed / total) : 1;
      const percent = Math.floor(ratio * 100);
      if (stream.isTTY) {
        if (percent === lastShown && processed !== total) return;
        const filled = Math.round(ratio * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${processed}/${total} ${percent}%`,
        );
      } else {
        const step = Math.floor(percent / 10) * 10;
        if (step === lastShown) return;
        stream.write(`${processed}/${total} ${step}%\n`);
        lastShown = step;
        return;
      }
      lastShown = percent;
    },
    done() {
      if (stream.isTTY && lastShown >= 0) stream.write('\n');
    },
  };
}

/** One line per problem: where it is, then what is wrong (in the chosen language). */
export function formatIssue(e: ImportIssue, lang: Lang): string {
  const where =
    e.row === null ? 'file' : `${lang === 'it' ? 'riga' : 'row'} ${e.row}${e.column ? `, ${e.column}` : ''}`;
  return `${where}: ${e.message[lang]}`;
}

export function formatReport(report: ImportReport, lang: Lang): string[] {
  const it = lang === 'it';
  const lines: string[] = [];
  const head = report.imported
    ? it
      ? 'Importazione completata'
      : 'Import done'
    : report.dryRun
      ? it
        ? 'Prova (nulla è stato scritto)'
        : 'Dry run (nothing was written)'
      : it
        ? 'Nulla è stato importato'
        : 'Nothing was imported';
  lines.push(`${head}: ${report.rows} ${it ? 'righe' : 'rows'}.`);
  const o = report.organizations;
  const l = report.locations;
  const s = report.services;
  lines.push(
    it
      ? `  Organizzazioni: ${o.created} nuove, ${o.matched} già presenti`
      : `  Organisations: ${o.created} new, ${o.matched} already there`,
    it
      ? `  Sedi: ${l.created} nuove, ${l.matched} già presenti`
      : `  Locations: ${l.created} new, ${l.matched} already there`,
    it
      ? `  Servizi: ${s.created} nuovi, ${s.updated} aggiornati`
      : `  Services: ${s.created} new, ${s.updated} updated`,
  );
  if (report.errors.length) {
    lines.push(it ? `Errori (${report.errors.length}):` : `Errors (${report.errors.length}):`);
    for (const e of report.errors) lines.push(`  ${formatIssue(e, lang)}`);
  }
  if (report.warnings.length) {
    lines.push(it ? `Avvisi (${report.warnings.length}):` : `Warnings (${report.warnings.length}):`);
    for (const w of report.warnings) lines.push(`  ${formatIssue(w, lang)}`);
  }
  return lines;
}

export const directoryImport: CommandDecl = {
  summary: 'Import organisations and services from a CSV or XLSX file (one row per service)',
  usage: 'directory import <file.csv|file.xlsx> [--city <code>] [--dry-run] [--lang it|en]',
  async run(ctx, args) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { city: { type: 'string' }, 'dry-run': { type: 'boolean' }, lang: { type: 'string' } },
    });
    const file = positionals[0];
    if (!file) throw new Error(`usage: ${this.usage}`);
    const lang: Lang = values.lang === 'en' ? 'en' : 'it';
    const dryRun = Boolean(values['dry-run']);
    const city = await ctx.city(values.city);
    if ((await stat(file)).size > maxFileBytes) {
      throw new Error(importMessage(lang, 'file_too_large', { max: maxFileBytes / 1024 / 1024 }));
    }
    const parsed = await parseDirectoryFile(await readFile(file), { filename: file });
    const bar = progressBar();
    const report = await importDirectory(ctx.database.pool, ctx.database.db, city, parsed, {
      dryRun,
      onProgress: (processed, total) => bar.update(processed, total),
      beforeCommit: (client, r) =>
        audit(client, {
          cityId: city.id,
          actorLabel: 'cli',
          action: 'import',
          resource: 'directory',
          detail: auditDetail(r, path.basename(file)),
        }),
    });
    bar.done();
    if (!report.imported) {
      await audit(ctx.database.pool, {
        cityId: city.id,
        actorLabel: 'cli',
        action: 'import',
        resource: 'directory',
        outcome: report.errors.length ? 'failed' : 'ok',
        detail: auditDetail(report, path.basename(file)),
      });
    }
    for (const line of formatReport(report, lang)) ctx.out(line);
    if (report.errors.length) {
      throw new Error(importMessage(lang, 'file_has_errors'));
    }
  },
};
