import type { Catalog, Lang } from '../../../kernel/i18n/messages.ts';

/**
 * Messages of the directory import (file and row errors), in every supported language. Keys are
 * `directory.import.<code>`; an issue carries its code and params, and both texts ready to show.
 * The module manifest may register them too (they are self-contained here).
 */
export const importMessages: Record<Lang, Catalog> = {
  it: {
    'directory.import.file_too_large': 'Il file supera la dimensione massima di {max} MB.',
    'directory.import.too_many_rows': 'Il file ha {rows} righe: il massimo è {max}.',
    'directory.import.empty_file': 'Il file è vuoto o non ha la riga di intestazione.',
    'directory.import.no_rows': 'Il file non contiene righe di dati.',
    'directory.import.unreadable_file':
      'Il file non si può leggere come {format}: è danneggiato o di un altro tipo.',
    'directory.import.unknown_format': 'Formato del file non riconosciuto: usa CSV o XLSX.',
    'directory.import.unterminated_quote': 'Virgolette non chiuse a partire dalla riga {row}.',
    'directory.import.missing_columns': 'Mancano colonne obbligatorie: {columns}.',
    'directory.import.duplicate_column': 'La colonna «{column}» compare più volte nell’intestazione.',
    'directory.import.unknown_column': 'Colonna «{column}» non riconosciuta: ignorata.',
    'directory.import.required': 'Campo obbligatorio.',
    'directory.import.too_long': 'Testo troppo lungo (massimo {max} caratteri).',
    'directory.import.too_many': 'Troppi valori (massimo {max}).',
    'directory.import.invalid_age': '«{value}» non è un’età valida (numero intero da 0 a 120).',
    'directory.import.age_range': 'L’età minima ({min}) è maggiore dell’età massima ({max}).',
    'directory.import.invalid_latitude': '«{value}» non è una latitudine valida (da -90 a 90, es. 45.5416).',
    'directory.import.invalid_longitude':
      '«{value}» non è una longitudine valida (da -180 a 180, es. 10.2118).',
    'directory.import.coordinates_incomplete':
      'Indica sia la latitudine sia la longitudine, o nessuna delle due.',
    'directory.import.unknown_category': 'Categoria «{code}» sconosciuta.',
    'directory.import.unknown_org_type':
      'Tipo di organizzazione «{value}» sconosciuto (ammessi: {accepted}).',
    'directory.import.invalid_hours':
      'Orari non comprensibili: «{value}» (es. «lun-ven 9:00-12:30; mar 14-17»).',
    'directory.import.invalid_email': '«{value}» non è un indirizzo e-mail valido.',
    'directory.import.invalid_url': '«{value}» non è un indirizzo web valido.',
    'directory.import.invalid_postal_code': '«{value}» non è un CAP valido (5 cifre).',
    'directory.import.invalid_tax_id': '«{value}» non è un codice fiscale o una partita IVA validi.',
    'directory.import.invalid_language': 'Lingua «{value}» sconosciuta (usa codici come it, en, ar).',
    'directory.import.invalid_boolean': '«{value}» non è né sì né no.',
    'directory.import.duplicate_row':
      'Riga doppia: stessa organizzazione, servizio e indirizzo della riga {first}.',
    'directory.import.file_has_errors': 'Il file contiene errori: non è stato importato nulla.',
  },
  en: {
    'directory.import.file_too_large': 'The file is larger than the {max} MB limit.',
    'directory.import.too_many_rows': 'The file has {rows} rows: the limit is {max}.',
    'directory.import.empty_file': 'The file is empty or has no header row.',
    'directory.import.no_rows': 'The file has no data rows.',
    'directory.import.unreadable_file':
      'The file cannot be read as {format}: it is damaged or of another kind.',
    'directory.import.unknown_format': 'Unrecognised file format: use CSV or XLSX.',
    'directory.import.unterminated_quote': 'Unclosed quotes starting at row {row}.',
    'directory.import.missing_columns': 'Required columns are missing: {columns}.',
    'directory.import.duplicate_column': 'Column “{column}” appears more than once in the header.',
    'directory.import.unknown_column': 'Unknown column “{column}”: ignored.',
    'directory.import.required': 'Required field.',
    'directory.import.too_long': 'Text too long (at most {max} characters).',
    'directory.import.too_many': 'Too many values (at most {max}).',
    'directory.import.invalid_age': '“{value}” is not a valid age (a whole number from 0 to 120).',
    'directory.import.age_range': 'The minimum age ({min}) is greater than the maximum age ({max}).',
    'directory.import.invalid_latitude': '“{value}” is not a valid latitude (-90 to 90, e.g. 45.5416).',
    'directory.import.invalid_longitude': '“{value}” is not a valid longitude (-180 to 180, e.g. 10.2118).',
    'directory.import.coordinates_incomplete': 'Give both latitude and longitude, or neither.',
    'directory.import.unknown_category': 'Unknown category “{code}”.',
    'directory.import.unknown_org_type': 'Unknown organisation type “{value}” (accepted: {accepted}).',
    'directory.import.invalid_hours':
      'Opening hours not understood: “{value}” (e.g. “lun-ven 9:00-12:30; mar 14-17”).',
    'directory.import.invalid_email': '“{value}” is not a valid e-mail address.',
    'directory.import.invalid_url': '“{value}” is not a valid web address.',
    'directory.import.invalid_postal_code': '“{value}” is not a valid postal code (5 digits).',
    'directory.import.invalid_tax_id': '“{value}” is not a valid tax code or VAT number.',
    'directory.import.invalid_language': 'Unknown language “{value}” (use codes like it, en, ar).',
    'directory.import.invalid_boolean': '“{value}” is neither yes nor no.',
    'directory.import.duplicate_row': 'Duplicate row: same organisation, service and address as row {first}.',
    'directory.import.file_has_errors': 'The file has errors: nothing was imported.',
  },
};

export type IssueParams = Record<string, string | number>;

/** The text of an import message in one language, placeholders filled. */
export function importMessage(lang: Lang, code: string, params: IssueParams = {}): string {
  const key = `directory.import.${code}`;
  const template = importMessages[lang][key] ?? importMessages.it[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}
