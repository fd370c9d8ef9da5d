/**
 * Reading an import file: a CSV (UTF-8, with or without BOM) or the first sheet of an XLSX, as a header row and
 * data rows of plain strings. A file that cannot be read, or breaks a limit, is INVALID_INPUT on `file` naming the rule.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { IMPORT_COLUMNS_MAX, type IMPORT_EXTENSIONS, IMPORT_FILE_MAX_BYTES, IMPORT_HEADER_MAX, IMPORT_ROWS_MAX } from "../../contracts/customer-data.ts";
import { AppError } from "../../errors.ts";

export type ImportFormat = (typeof IMPORT_EXTENSIONS)[number];

export interface ImportTable {
  headers: string[];
  /** data rows, each as long as the header row */
  rows: string[][];
}

export function fileRule(rule: string, message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError("INVALID_INPUT", { field: "file", message: `file: ${message}`, params: { rule, ...params } });
}

export function importFormatOf(fileName: string, bytes: Uint8Array): ImportFormat {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === "xlsx") {
    // an XLSX is a zip archive: PK\x03\x04
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw fileRule("unreadable", "not a readable XLSX file");
    return "xlsx";
  }
  if (extension === "csv") return "csv";
  throw fileRule("format", "only .csv and .xlsx files can be imported");
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw fileRule("unreadable", "not a readable XLSX file");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    rows.push(cells);
  });
  return rows;
}

function readCsv(bytes: Uint8Array): string[][] {
  try {
    const rows: string[][] = parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: true });
    return rows;
  } catch {
    throw fileRule("unreadable", "not a readable CSV file (UTF-8, comma-separated)");
  }
}

/** The file's header row and data rows; blank rows are skipped, short rows are padded with empty cells. */
export async function readImportTable(format: ImportFormat, bytes: Uint8Array): Promise<ImportTable> {
  if (bytes.byteLength > IMPORT_FILE_MAX_BYTES)
    throw fileRule("tooLarge", `at most ${IMPORT_FILE_MAX_BYTES / 1024 / 1024} MB`, { max: IMPORT_FILE_MAX_BYTES / 1024 / 1024 });
  const all = (format === "xlsx" ? await readXlsx(bytes) : readCsv(bytes)).filter((row) => row.some((cell) => cell.trim() !== ""));
  const [head, ...body] = all;
  if (!head) throw fileRule("empty", "the file has no header row");
  const headers = head.map((cell) => cell.trim());
  while (headers.length && headers[headers.length - 1] === "") headers.pop();
  if (headers.length === 0) throw fileRule("empty", "the file has no header row");
  if (headers.length > IMPORT_COLUMNS_MAX) throw fileRule("tooManyColumns", `at most ${IMPORT_COLUMNS_MAX} columns`, { max: IMPORT_COLUMNS_MAX });
  headers.forEach((header, index) => {
    if (header === "") throw fileRule("blankHeader", `column ${index + 1} has no header`, { column: index + 1 });
    if (header.length > IMPORT_HEADER_MAX) throw fileRule("longHeader", `headers may be at most ${IMPORT_HEADER_MAX} characters`, { max: IMPORT_HEADER_MAX });
    if (headers.indexOf(header) !== index) throw fileRule("duplicateHeader", `the header "${header}" appears twice`, { header });
  });
  if (body.length === 0) throw fileRule("noRows", "the file has a header row but no data rows");
  if (body.length > IMPORT_ROWS_MAX) throw fileRule("tooManyRows", `at most ${IMPORT_ROWS_MAX} rows`, { max: IMPORT_ROWS_MAX });
  const rows = body.map((row) => headers.map((_, index) => (row[index] ?? "").trim()));
  return { headers, rows };
}
