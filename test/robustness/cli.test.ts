/**
 * The CLI on hostile input: an empty file, a text file renamed .xlsx, a truncated xlsx, an
 * encrypted (OLE2/CFB) xlsx, a directory, a missing path, a zip that is not a workbook, and a
 * ~50 MB workbook. Each bad input gives exactly one clear line on stderr, exit code 2 and no stack
 * trace; the big one is audited normally (exit 0 or 1). Nothing is ever written to the inputs.
 *
 * `main(argv, io)` is called in-process with a capturing io; the compiled CLI is also spawned once
 * to check the real process exit code and stderr. It uses dist/node when that build is newer than
 * every source file, and otherwise (or with SAKIP_TEST_FRESH_CLI=1) compiles the CLI with tsc into
 * the test's temporary directory.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type CliIO } from "../../src/cli/sakip-audit.js";
import { generateWorkbook } from "../../bench/gen.js";
import { writeSnapshotXlsx } from "../../bench/xlsx-write.js";
import { zipEntries } from "../../src/io/zip.js";
import { zip } from "../support/zip-build.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STACK_FRAME = /^\s+at\s/m;

interface Captured {
  code: number;
  out: string[];
  err: string[];
}

async function run(argv: string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await main(argv, io);
  return { code, out, err };
}

interface Fingerprint {
  exists: boolean;
  size?: number;
  mtimeMs?: number;
  hash?: string;
  listing?: string;
}

function fingerprint(path: string): Fingerprint {
  if (!existsSync(path)) return { exists: false };
  const st = statSync(path);
  if (st.isDirectory()) return { exists: true, mtimeMs: st.mtimeMs, listing: readdirSync(path).sort().join("\n") };
  return { exists: true, size: st.size, mtimeMs: st.mtimeMs, hash: createHash("sha256").update(readFileSync(path)).digest("hex") };
}

let dir = "";
const files: Record<string, string> = {};

async function smallWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tabel 1");
  ws.addRow(["Kegiatan", "Anggaran", "Realisasi", "Persentase"]);
  for (let i = 0; i < 200; i++) ws.addRow([`Kegiatan ${i}`, 1000 + i, 900 + i, { formula: `C${i + 2}/B${i + 2}*100`, result: ((900 + i) / (1000 + i)) * 100 }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sakip-cli-robust-"));
  const good = await smallWorkbook();
  files.good = join(dir, "baik.xlsx");
  writeFileSync(files.good, good);
  files.empty = join(dir, "kosong.xlsx");
  writeFileSync(files.empty, Buffer.alloc(0));
  files.text = join(dir, "catatan.xlsx");
  writeFileSync(files.text, "Ini bukan buku kerja Excel.\nNo;UPT;Jumlah\n1;Kupang;23.382\n");
  files.truncated = join(dir, "terpotong.xlsx");
  writeFileSync(files.truncated, good.subarray(0, Math.floor(good.length / 2)));
  files.encrypted = join(dir, "rahasia.xlsx");
  const ole = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  ole.write("EncryptedPackage", 1024, "utf16le");
  writeFileSync(files.encrypted, ole);
  files.emptyZip = join(dir, "arsip-kosong.xlsx");
  writeFileSync(files.emptyZip, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]));
  files.directory = join(dir, "folder.xlsx");
  mkdirSync(files.directory);
  writeFileSync(join(files.directory, "di-dalam.txt"), "x");
  files.missing = join(dir, "tidak-ada.xlsx");
  // "Billion laughs": nine levels of entities, each ten of the one below (10^9 × "lol" if expanded).
  const levels = Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i === 0 ? "" : i + 1};`.repeat(10)}">`).join("");
  const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol">${levels}]>`;
  files.entityBomb = join(dir, "bom-entitas.xlsx");
  writeFileSync(
    files.entityBomb,
    zip(
      zipEntries(good).map((e) => {
        if (e.name !== "xl/sharedStrings.xml") return { name: e.name, data: e.read() };
        const xml = e.read().toString("utf8").replace(/^(<\?xml[^>]*\?>)/, `$1${bomb}`).replace("<t>", "<t>&lol9;");
        if (!xml.includes("<!DOCTYPE lolz") || !xml.includes("<t>&lol9;")) throw new Error("the entity bomb was not planted");
        return { name: e.name, data: Buffer.from(xml, "utf8") };
      }),
    ),
  );
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const BAD: { name: string; key: string; mentions: RegExp }[] = [
  { name: "an empty file", key: "empty", mentions: /kosong|0 byte/i },
  { name: "a text file renamed .xlsx", key: "text", mentions: /bukan berkas Excel|zip/i },
  { name: "a truncated xlsx", key: "truncated", mentions: /rusak|terpotong/i },
  { name: "a password-protected (OLE2/CFB) xlsx", key: "encrypted", mentions: /terenkripsi|kata sandi/i },
  { name: "an empty zip archive", key: "emptyZip", mentions: /zip/i },
  { name: "a directory", key: "directory", mentions: /folder/i },
  { name: "a missing path", key: "missing", mentions: /tidak ditemukan/i },
  { name: "an XML entity bomb in the shared strings", key: "entityBomb", mentions: /rusak|entity/i },
];

describe("sakip-audit on unreadable input (in-process main)", () => {
  for (const c of BAD) {
    it(`${c.name}: one clear stderr line, exit 2, no stack trace, input untouched`, async () => {
      const path = files[c.key] as string;
      const before = fingerprint(path);
      const r = await run([path]);
      const after = fingerprint(path);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      const line = r.err[0] ?? "";
      expect(line).not.toContain("\n");
      expect(line).not.toMatch(STACK_FRAME);
      expect(line).toMatch(/^sakip-audit: /);
      expect(line).toMatch(c.mentions);
      expect(line.length).toBeLessThan(400);
      expect(r.out).toEqual([]);
      expect(after).toEqual(before);
    });
  }

  it("in English with --lang en, still one line", async () => {
    const r = await run([files.encrypted as string, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/encrypted|password/i);
  });

  it("with --format json: one stderr line, and the error in the JSON on stdout", async () => {
    const r = await run([files.truncated as string, "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    const json = JSON.parse(r.out.join("\n")) as { files: { file: string; error?: string }[] };
    expect(json.files).toHaveLength(1);
    expect(typeof json.files[0]?.error).toBe("string");
  });

  it("a good file next to bad ones: the good one is audited, one line per bad file, exit 2", async () => {
    const inputs = [files.good, files.empty, files.missing] as string[];
    const before = inputs.map(fingerprint);
    const r = await run(inputs);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(2);
    expect(r.out.join("\n")).toContain("baik.xlsx");
    expect(inputs.map(fingerprint)).toEqual(before);
  });

  it("the good workbook alone audits normally and is not modified", async () => {
    const before = fingerprint(files.good as string);
    const r = await run([files.good as string]);
    expect([0, 1]).toContain(r.code);
    expect(r.err).toEqual([]);
    expect(fingerprint(files.good as string)).toEqual(before);
  });
});

describe("sakip-audit on a ~50 MB workbook", () => {
  const BIG_BYTES = 48 * 1024 * 1024;
  let big = "";
  let skipReason = "";

  beforeAll(async () => {
    const free = (() => {
      try {
        const s = statfsSync(dir);
        return s.bavail * s.bsize;
      } catch {
        return Number.POSITIVE_INFINITY;
      }
    })();
    if (free < 4 * BIG_BYTES) {
      skipReason = `only ${(free / 1e6).toFixed(0)} MB free in ${dir}; the ~50 MB workbook needs ~200 MB`;
      return;
    }
    // 100k cells of real-shaped tables, a sheet of 10,000-character strings, and an embedded
    // 48 MB (incompressible) image: ~50 MB on disk, written in about two seconds.
    const wb = generateWorkbook({ cells: 100_000, seed: 50 });
    wb.sheets.push({ name: "Catatan Panjang", cells: Array.from({ length: 30 }, (_, i) => ({ row: i + 1, col: 1, value: `${i + 1}. ${"Keterangan ".repeat(910)}` })) });
    big = join(dir, "besar.xlsx");
    await writeSnapshotXlsx(wb, big, { paddingBytes: BIG_BYTES, seed: 50 });
  }, 60_000);

  it("audits normally (exit 0 or 1), prints a report, nothing on stderr, file untouched", async (ctx) => {
    if (skipReason) {
      console.warn(`skipped: ${skipReason}`);
      ctx.skip();
      return;
    }
    const before = fingerprint(big);
    expect(before.size ?? 0).toBeGreaterThan(45 * 1024 * 1024);
    const r = await run([big, "--format", "json"]);
    expect(r.err).toEqual([]);
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(r.out.join("\n")) as { files: { findings: unknown[]; summary?: unknown; error?: string }[] };
    expect(json.files[0]?.error).toBeUndefined();
    expect(json.files[0]?.findings.length ?? 0).toBeGreaterThan(0);
    expect(fingerprint(big)).toEqual(before);
  }, 60_000);
});

/**
 * The compiled CLI: dist/node when it is newer than every source file, else a fresh tsc build in a
 * temporary directory (with a node_modules link so exceljs and zod resolve).
 */
function compiledCli(scratch: string): string {
  const dist = join(ROOT, "dist", "node", "src", "cli", "sakip-audit.js");
  const newest = (d: string): number => {
    let m = 0;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      m = Math.max(m, e.isDirectory() ? newest(p) : /\.(ts|json)$/.test(e.name) ? statSync(p).mtimeMs : 0);
    }
    return m;
  };
  if (!process.env.SAKIP_TEST_FRESH_CLI && existsSync(dist) && statSync(dist).mtimeMs >= newest(join(ROOT, "src"))) return dist;
  const out = join(scratch, "cli-build");
  mkdirSync(out, { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  // Type errors elsewhere in the tree (work in progress) do not stop the emit; only the JS matters here.
  spawnSync(
    process.execPath,
    [tsc, "src/cli/sakip-audit.ts", "--outDir", out, "--rootDir", ".", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--strict", "--resolveJsonModule", "--esModuleInterop", "--skipLibCheck", "--types", "node"],
    { cwd: ROOT, encoding: "utf8" },
  );
  return join(out, "src", "cli", "sakip-audit.js");
}

describe("the compiled CLI as a process", () => {
  let cli = "";
  beforeAll(() => {
    cli = compiledCli(dir);
  }, 60_000);

  it("exits 2 with one stderr line per bad file and no stack frames", () => {
    expect(existsSync(cli)).toBe(true);
    const inputs = [files.truncated, files.encrypted, files.missing, files.directory, files.empty, files.text] as string[];
    const before = inputs.map(fingerprint);
    const r = spawnSync(process.execPath, [cli, ...inputs], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(inputs.length);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    for (const l of lines) expect(l).toMatch(/^sakip-audit: /);
    expect(inputs.map(fingerprint)).toEqual(before);
  }, 60_000);

  it("exits 2 on a bad option, with one line", () => {
    const r = spawnSync(process.execPath, [cli, "--format", "xml", files.good as string], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  }, 60_000);
});
