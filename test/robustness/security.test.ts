/**
 * Security checks: no dynamic code in the sources, no raw HTML injection in the task pane, and a
 * schema handed to the CLI cannot pollute Object.prototype.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type CliIO } from "../../src/cli/sakip-audit.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js|mjs|cjs|jsx|html)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** `file:line: text` for every line matching `re`, comments included (a commented eval is still a smell). */
function grep(dir: string, re: RegExp): string[] {
  const hits: string[] = [];
  for (const f of sourceFiles(dir)) {
    readFileSync(f, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (re.test(line)) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
      });
  }
  return hits;
}

describe("no dynamic code", () => {
  it("src/ has no eval( and no new Function", () => {
    expect(sourceFiles(join(ROOT, "src")).length).toBeGreaterThan(10);
    expect(grep(join(ROOT, "src"), /(^|[^\w.$])eval\s*\(/)).toEqual([]);
    expect(grep(join(ROOT, "src"), /\bnew\s+Function\s*\(|(^|[^\w.$])Function\s*\(\s*["'`]/)).toEqual([]);
    // String arguments to the timers are eval in disguise.
    expect(grep(join(ROOT, "src"), /\bset(Timeout|Interval)\s*\(\s*["'`]/)).toEqual([]);
  });
});

describe("task pane renders no raw HTML", () => {
  it("src/taskpane never uses dangerouslySetInnerHTML, innerHTML, outerHTML or document.write", () => {
    const dir = join(ROOT, "src", "taskpane");
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(grep(dir, /dangerouslySetInnerHTML/)).toEqual([]);
    expect(grep(dir, /\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write\s*\(/)).toEqual([]);
  });
});

describe("schema through the CLI --schema path", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sakip-schema-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function runWithSchema(text: string, name: string): Promise<{ code: number; out: string[]; err: string[] }> {
    const path = join(dir, name);
    writeFileSync(path, text);
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: (s) => out.push(s), err: (s) => err.push(s) };
    // The schema is checked before any workbook is read; the file need not exist.
    const code = await main(["--schema", path, join(dir, "tidak-dibaca.xlsx")], io);
    return { code, out, err };
  }

  const polluting: [string, string][] = [
    ["__proto__ at the top", '{"version":1,"name":"x","__proto__":{"polluted":"yes"}}'],
    ["__proto__ nested in a table", '{"version":1,"name":"x","tables":[{"id":"t","title_id":"a","title_en":"b","role":"data","columns":[{"id":"c","labels":["C"],"kind":"count"}],"__proto__":{"polluted":"yes"}}]}'],
    ["constructor.prototype", '{"version":1,"name":"x","constructor":{"prototype":{"polluted":"yes"}}}'],
    ["prototype key deep in entities", '{"version":1,"name":"x","entities":[{"id":"e","labels":["E"],"prototype":{"polluted":"yes"}}]}'],
  ];

  for (const [label, text] of polluting) {
    it(`rejects ${label}: exit 2, one line naming the key, Object.prototype untouched`, async () => {
      const r = await runWithSchema(text, `${label.replace(/\W+/g, "-")}.json`);
      expect(r.code).toBe(2);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/__proto__|constructor|prototype/);
      expect(r.err[0]).not.toMatch(/^\s+at\s/m);
      expect(r.out).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    });
  }

  it("rejects a schema that is not JSON with one line, exit 2", async () => {
    const r = await runWithSchema("{ version: 1, name: 'x' ", "rusak.json");
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/JSON/);
  });

  it("reports a missing schema file with one line, exit 2", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["--schema", join(dir, "tidak-ada.json")], { out: (s) => out.push(s), err: (s) => err.push(s) });
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/ENOENT|tidak dapat dibaca|cannot read/);
  });
});
