import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readXlsxFile } from "../../src/io/xlsx-node.js";
import { runRules } from "./helpers.js";

interface Known {
  sheet: string;
  cell: string;
  also?: string[];
}

describe("generic rules on the annotated sample report", () => {
  it("report only cells the sample's known-error list names, and find the seeded generic kinds", async () => {
    const wb = await readXlsxFile("samples/lkjip-ntt-2025.xlsx");
    const known = JSON.parse(readFileSync("samples/known-errors.json", "utf8")) as Known[];
    const keys = new Set(known.flatMap((k) => [`${k.sheet}!${k.cell}`, ...(k.also ?? []).map((a) => `${k.sheet}!${a}`)]));
    const fs = runRules(wb);
    expect(fs.length).toBeGreaterThan(5);
    const stray = fs.filter((f) => !keys.has(`${f.sheet}!${f.cell}`)).map((f) => `${f.rule} ${f.sheet}!${f.cell}: ${f.message_en}`);
    expect(stray).toEqual([]);
    const at = new Set(fs.map((f) => `${f.sheet}!${f.cell}`));
    for (const cell of ["Layanan Dokpri!C26", "Anggaran!C26", "Tabel 3 Capaian!C8", "Gakum Data!D37", "Perhitungan Gakum!D50"]) expect(at).toContain(cell);
  });
});
