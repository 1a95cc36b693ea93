import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledSamplePath, main } from "../src/cli/sakip-audit.js";
import { sampleWorkbookBytes } from "../samples/build.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("sakip-audit CLI", () => {
  it("with no file audits the bundled sample, text grouped by sheet, exit 1 for errors", async () => {
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(bundledSamplePath());
    expect(r.out).toMatch(/\[Layanan Dokpri\]/);
    expect(r.out).toMatch(/GALAT\s+C26\s+"23\.2547"/);
    expect(r.err).toBe("");
  });

  it("JSON output is { files: [ { file, findings } ] } and English on request", async () => {
    const r = await run(["--format", "json", "--lang=en", bundledSamplePath()]);
    const j = JSON.parse(r.out) as { files: { file: string; findings: { rule: string; severity: string; sheet: string; cell: string; message_id: string; message_en: string }[] }[] };
    expect(j.files).toHaveLength(1);
    const f = j.files[0]?.findings ?? [];
    expect(f.length).toBeGreaterThan(30);
    expect(Object.keys(f[0] ?? {})).toEqual(expect.arrayContaining(["rule", "severity", "sheet", "cell", "related", "message_id", "message_en", "expected", "actual"]));
  });

  it("many files in one call; exit 0 for a clean workbook, 2 when one cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sakip-cli-"));
    const clean = join(dir, "bersih.xlsx");
    writeFileSync(clean, await sampleWorkbookBytes({ corrected: true }));
    expect((await run([clean])).code).toBe(0);
    const r = await run([clean, join(dir, "tidak-ada.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/not found/);
    expect(r.out).toMatch(/bersih\.xlsx: 0 errors/);
  });

  it("usage errors exit 2 with one clear line; --help exits 0", async () => {
    for (const args of [["--format", "xml"], ["--bogus"], ["--lang"], ["--schema", "/no/such/schema.json"]]) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err.split("\n")).toHaveLength(1);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const h = await run(["--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/sakip-audit/);
  });

  it("a bad user schema is refused with its problems", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sakip-cli-"));
    const s = join(dir, "skema.json");
    writeFileSync(s, JSON.stringify({ version: 1, name: "x", calcs: [{ id: "c", indicator: "nope", title_id: "t", result: "X", parts: [{ label: "A", weight: 40 }, { label: "B", weight: 70 }] }] }));
    const r = await run(["--schema", s]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/110%/);
    expect(r.err).toMatch(/nope/);
  });
});
