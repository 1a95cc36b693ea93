/**
 * The built Node library: `import * as sakip from "sakip-excel"` (package self-reference through
 * package.json `exports`), run in a real Node process on the compiled output.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

function node(code: string): string {
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
}

describe("library entry", () => {
  beforeAll(() => {
    if (!existsSync(`${root}dist/node/src/lib/index.js`)) execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  }, 120_000);

  it("gives each function under its Excel name, computing the seed's values", () => {
    const out = node(`
      import * as sakip from "sakip-excel";
      const r = {
        capaian: sakip.CAPAIAN(95.73, 91),
        ikpa: sakip.IKPA([[100, 94.58, 81.68, 0, 100, 97.94, 100]], [[10, 15, 20, 0, 10, 10, 25]]),
        serapan: sakip.SERAPAN(5679617677, 6374168000, 550797000),
        k2: sakip.INDEKS_KOMPOSIT([[98.52], [88.28]], [[70], [30]]),
        predikat: sakip.PREDIKAT_IKPA(94.8),
        names: Object.keys(sakip.SHEET_FUNCTIONS),
      };
      console.log(JSON.stringify(r));`);
    const r = JSON.parse(out) as Record<string, unknown>;
    expect(r.capaian).toBeCloseTo((95.73 / 91) * 100, 10);
    expect(r.ikpa).toBeCloseTo(8531.7 / 90, 10);
    expect(r.serapan).toBeCloseTo((5679617677 / 5823371000) * 100, 10);
    expect(r.k2).toBeCloseTo(95.448, 10);
    expect(r.predikat).toBe("Baik");
    expect(r.names).toEqual(["CAPAIAN", "RASIO", "INDEKS_KOMPOSIT", "IKK_LAYANAN", "IKK_GAKUM", "RATA_CAPAIAN", "SERAPAN", "IKPA", "PREDIKAT_IKPA", "PREDIKAT_SAKIP", "ANGKA_ID", "TEKS_ID"]);
  });

  it("throws an error carrying the Excel error code on bad input", () => {
    const out = node(`
      import * as sakip from "sakip-excel";
      const codes = [];
      for (const f of [() => sakip.CAPAIAN(1, 0), () => sakip.RASIO("23.2547", 1), () => sakip.INDEKS_KOMPOSIT([[1, 2]], [[40, 70]]), () => sakip.CAPAIAN(null, 1)]) {
        try { f(); codes.push("none"); } catch (e) { codes.push(e.code + "|" + (e instanceof sakip.SakipError)); }
      }
      console.log(JSON.stringify(codes));`);
    expect(JSON.parse(out)).toEqual(["#DIV/0!|true", "#VALUE!|true", "#NUM!|true", "#N/A|true"]);
  });
});
