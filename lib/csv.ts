/**
 * The one CSV writer for every export (audit log, closed orders, fills, ledger). Pure: no I/O, no framework.
 *
 * Quoting follows RFC 4180: a field holding a comma, a double quote, CR or LF is wrapped in double quotes and any
 * double quote inside is doubled; lines end with CRLF, the last one too.
 *
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula, so
 * such a cell is prefixed with `'`. A plain decimal number (`/^-?\d+(\.\d+)?$/`, e.g. a ledger's `-0.5`) is data,
 * not a formula, and passes unchanged so the column stays numeric.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: empty for null/undefined, formula-neutralised, quoted when needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_DECIMAL.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text: the header line, then one line per row. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
