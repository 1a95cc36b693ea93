#!/usr/bin/env node
/**
 * sakip-audit: the headless audit. Reads .xlsx files (src/io/xlsx-fast.ts: exceljs's parsers for the
 * workbook parts, a direct scan of the sheet data, same snapshot as exceljs), runs the same audit as the task
 * pane, prints findings grouped by sheet (text) or as JSON. Exit 0: no error findings; 1: some;
 * 2: a usage error or a file that cannot be read (one clear line each, no stack trace).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runAudit } from "../core/audit/engine.js";
import type { AuditResult, Finding, Severity } from "../core/audit/types.js";
import { capLowSeverity } from "../core/audit/generic/index.js";
import { SchemaError, parseSchemaText, type Schema } from "../core/schema/schema.js";
import { formatIdNumber } from "../core/numbers.js";
import { XlsxReadError, readXlsxFile } from "../io/xlsx-node.js";

type Lang = "id" | "en";
type Format = "text" | "json";

interface Options {
  files: string[];
  format: Format;
  lang: Lang;
  schemaPath?: string;
  all: boolean;
  generic: boolean;
  /** Exit 0 even when error findings exist (a report, not a gate). */
  reportOnly: boolean;
}

export class UsageError extends Error {}

const HELP = `sakip-audit [berkas.xlsx ...] [--format text|json] [--schema skema.json] [--lang id|en] [--all] [--no-generic] [--report-only]

Memeriksa buku kerja LKjIP/SAKIP terhadap skema indikator dan aturan spreadsheet.
Audits SAKIP/LKjIP workbooks against the indicator schema and spreadsheet rules.

Tanpa berkas: memeriksa contoh bawaan / without a file: audits the bundled sample.
  --format text|json  keluaran teks (bawaan) atau JSON / text (default) or JSON output
  --schema FILE       skema indikator sendiri (JSON) / your own indicator schema (JSON)
  --lang id|en        bahasa pesan / message language (default id)
  --all               tampilkan semua temuan info / show every info finding
  --no-generic        hanya aturan skema / schema rules only
  --report-only       kode keluar 0 walau ada galat / exit 0 even with error findings
Kode keluar / exit code: 0 tanpa galat / no errors, 1 ada galat / errors found, 2 penggunaan salah atau berkas tak terbaca / usage error or unreadable file.`;

export function parseArgs(argv: string[]): Options | "help" | "version" {
  const o: Options = { files: [], format: "text", lang: "id", all: false, generic: true, reportOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const value = (name: string): string => {
      const eq = a.indexOf("=");
      if (eq >= 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} butuh nilai / ${name} needs a value`);
      return v;
    };
    if (a === "-h" || a === "--help") return "help";
    if (a === "-v" || a === "--version") return "version";
    if (a === "--format" || a.startsWith("--format=")) {
      const v = value("--format");
      if (v !== "text" && v !== "json") throw new UsageError(`--format harus text atau json / --format must be text or json (got "${v}")`);
      o.format = v;
    } else if (a === "--lang" || a.startsWith("--lang=")) {
      const v = value("--lang");
      if (v !== "id" && v !== "en") throw new UsageError(`--lang harus id atau en / --lang must be id or en (got "${v}")`);
      o.lang = v;
    } else if (a === "--schema" || a.startsWith("--schema=")) o.schemaPath = value("--schema");
    else if (a === "--all") o.all = true;
    else if (a === "--no-generic") o.generic = false;
    else if (a === "--report-only") o.reportOnly = true;
    else if (a.startsWith("-") && a !== "-") throw new UsageError(`opsi tidak dikenal / unknown option "${a}"`);
    else o.files.push(a);
  }
  return o;
}

/** The package root (where package.json names sakip-excel), from this module's location. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "sakip-excel") return dir;
      } catch {
        /* keep looking */
      }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

export function bundledSamplePath(): string {
  return join(packageRoot(), "samples", "lkjip-ntt-2025.xlsx");
}

const SEV_LABEL: Record<Severity, { id: string; en: string }> = {
  error: { id: "GALAT", en: "ERROR" },
  warning: { id: "PERINGATAN", en: "WARNING" },
  info: { id: "INFO", en: "INFO" },
};

function formatValue(v: Finding["expected"]): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? formatIdNumber(v, Number.isInteger(v) ? 0 : 2) : v;
}

export function renderText(file: string, result: AuditResult, lang: Lang, all: boolean): string {
  const { shown, hidden } = all ? { shown: result.findings, hidden: [] as Finding[] } : capLowSeverity(result.findings);
  const lines: string[] = [];
  const s = result.summary;
  lines.push(
    lang === "id"
      ? `== ${file}: ${s.error} galat, ${s.warning} peringatan, ${s.info} info`
      : `== ${file}: ${s.error} errors, ${s.warning} warnings, ${s.info} info`,
  );
  const bySheet = new Map<string, Finding[]>();
  for (const f of shown) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  for (const [sheet, list] of bySheet) {
    lines.push("", `[${sheet}]`);
    for (const f of list) {
      const msg = lang === "id" ? f.message_id : f.message_en;
      const exp = formatValue(f.expected);
      const src = f.source === "generic" ? (lang === "id" ? "umum" : "generic") : lang === "id" ? "skema" : "schema";
      lines.push(`  ${SEV_LABEL[f.severity][lang].padEnd(10)} ${f.cell.padEnd(6)} ${msg}${exp ? (lang === "id" ? ` [seharusnya: ${exp}]` : ` [expected: ${exp}]`) : ""} (${f.rule}, ${src})`);
    }
  }
  if (hidden.length) {
    lines.push("", lang === "id" ? `(${hidden.length} temuan info lain disembunyikan; pakai --all untuk melihat semuanya)` : `(${hidden.length} more info findings hidden; use --all to see them all)`);
  }
  for (const n of result.notes) lines.push(lang === "id" ? `catatan: ${n.id}` : `note: ${n.en}`);
  return lines.join("\n");
}

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function main(argv: string[], io: CliIO = { out: (s) => process.stdout.write(s + "\n"), err: (s) => process.stderr.write(s + "\n") }): Promise<number> {
  let opts: Options | "help" | "version";
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sakip-audit: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (opts === "help") {
    io.out(HELP);
    return 0;
  }
  if (opts === "version") {
    io.out(JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version as string);
    return 0;
  }
  let schema: Schema | undefined;
  if (opts.schemaPath) {
    try {
      schema = parseSchemaText(readFileSync(resolve(opts.schemaPath), "utf8"));
    } catch (e) {
      if (e instanceof SchemaError) io.err(`sakip-audit: ${opts.schemaPath}: ${e.problems.join("; ")}`);
      else io.err(`sakip-audit: skema tidak dapat dibaca / cannot read schema "${opts.schemaPath}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return 2;
    }
  }
  const files = opts.files.length ? opts.files : [bundledSamplePath()];
  let exit = 0;
  const json: { files: { file: string; findings: Finding[]; summary?: AuditResult["summary"]; error?: string }[] } = { files: [] };
  for (const file of files) {
    let result: AuditResult;
    try {
      const wb = await readXlsxFile(file);
      result = runAudit(wb, { schema, generic: opts.generic });
    } catch (e) {
      const msg = e instanceof XlsxReadError ? (opts.lang === "id" ? e.messageId : e.messageEn) : `${(e as Error).message}`;
      io.err(`sakip-audit: ${file}: ${msg}`);
      json.files.push({ file, findings: [], error: msg });
      exit = 2;
      continue;
    }
    if (result.summary.error > 0 && exit === 0 && !opts.reportOnly) exit = 1;
    if (opts.format === "json") json.files.push({ file, findings: result.findings, summary: result.summary });
    else io.out(renderText(file, result, opts.lang, opts.all));
  }
  if (opts.format === "json") io.out(JSON.stringify(json, null, 2));
  return exit;
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`sakip-audit: kesalahan tak terduga / unexpected failure: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
