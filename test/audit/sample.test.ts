/**
 * The acceptance test of the audit on the bundled sample (the seed's data, errors included), on the
 * same data laid out differently, and on corrected copies that must audit clean.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runAudit } from "../../src/core/audit/engine.js";
import type { AuditResult, Finding } from "../../src/core/audit/types.js";
import { readXlsx } from "../../src/io/xlsx.js";
import { sampleWorkbookBytes } from "../../samples/build.js";

const SAMPLE = new URL("../../samples/lkjip-ntt-2025.xlsx", import.meta.url);

async function auditBytes(bytes: Uint8Array): Promise<AuditResult> {
  return runAudit(await readXlsx(bytes, "sample.xlsx"));
}

const near = (a: unknown, b: number, tol = 0.01) => typeof a === "number" && Math.abs(a - b) <= tol;

/** The acceptance list: each a predicate over findings, independent of where tables sit. */
const EXPECTED: [string, (f: Finding) => boolean][] = [
  ["the 23.2547 denominator", (f) => f.rule === "digit-grouping" && f.actual === "23.2547" && f.expected === 23257 && f.severity === "error"],
  ["K2's 68,96 + 26,48 stated as 95,17", (f) => f.rule === "recompute" && f.actual === 95.17 && near(f.expected, 95.448) && f.severity === "error"],
  ["I1's weights summing to 110%", (f) => f.rule === "weights" && f.actual === 110 && f.severity === "error"],
  ["Tabel 16's 79,49% for 1.114.081.167 / 1.629.443.000", (f) => f.rule === "totals" && near(f.expected, 68.37) && near(f.actual, 79.49)],
  ["Labuan Bajo's 1.608 + 18 + 84 completed against 1.608", (f) => f.rule === "ratios" && f.actual === 1710 && /Labuan Bajo/.test(f.message_id)],
  ["the desa binaan listed twice", (f) => f.rule === "duplicates" && /Batu Cermin/.test(f.message_id)],
  ["Tabel 17's 2024 JUMLAH realisasi against the sum of its rows", (f) => f.rule === "totals" && f.actual === 3707965092 && f.expected === 3707934092],
  ["Tabel 17's 2025 JUMLAH realisasi against Tabel 16's total", (f) => f.rule === "cross-table" && [f.actual, f.expected].sort().join() === "5679617633,5679617677"],
  ["the Rupiah amount in Tabel 9's count column", (f) => f.rule === "units" && f.actual === 675500000 && f.severity === "error"],
  ["Tabel 3's realisasi 101,2 against the computed 95,73", (f) => f.rule === "cross-table" && f.actual === 101.2 && near(f.expected, 95.73)],
  ["Tabel 12's crossings against Tabel 23's (Atambua)", (f) => f.rule === "cross-table" && f.actual === 402021 && f.expected === 669118],
  ["Tabel 3's Anggaran row with target and realisasi swapped", (f) => f.rule === "swapped-columns" && f.actual === 5679617677],
  ["K5 D2 scored as higher-is-better", (f) => f.rule === "polarity" && near(f.expected, 113.23)],
  ["the sasaran III average that is the average of all four", (f) => f.rule === "recompute" && near(f.actual, 99.15) && near(f.expected, 101.49)],
];

function expectAcceptance(r: AuditResult): void {
  const missing = EXPECTED.filter(([, p]) => !r.findings.some(p)).map(([name]) => name);
  expect(missing).toEqual([]);
}

describe("audit of the bundled sample", () => {
  it("finds every acceptance example, each at a real cell", async () => {
    const r = await auditBytes(new Uint8Array(readFileSync(SAMPLE)));
    expectAcceptance(r);
    expect(r.summary.error).toBeGreaterThanOrEqual(25);
    for (const f of r.findings) {
      expect(f.cell).toMatch(/^[A-Z]{1,3}\d+$/);
      expect(f.message_id.length).toBeGreaterThan(10);
      expect(f.message_en.length).toBeGreaterThan(10);
    }
  });

  it("finds most of the sample's catalogued errors at their cell (or names the cell as related)", async () => {
    const known = JSON.parse(readFileSync(new URL("../../samples/known-errors.json", import.meta.url), "utf8")) as { sheet: string; cell: string }[];
    const r = await auditBytes(new Uint8Array(readFileSync(SAMPLE)));
    const at = new Set(r.findings.map((f) => `${f.sheet}!${f.cell}`));
    const rel = new Set(r.findings.flatMap((f) => f.related.map((x) => (x.includes("!") ? x : `${f.sheet}!${x}`))));
    const exact = known.filter((k) => at.has(`${k.sheet}!${k.cell}`)).length;
    const covered = known.filter((k) => at.has(`${k.sheet}!${k.cell}`) || rel.has(`${k.sheet}!${k.cell}`)).length;
    expect(known.length).toBeGreaterThan(50);
    expect(exact / known.length).toBeGreaterThanOrEqual(0.7);
    expect(covered / known.length).toBeGreaterThanOrEqual(0.78);
  });

  it("finds the same problems when the tables are laid out differently", async () => {
    const r = await auditBytes(await sampleWorkbookBytes({ layout: "variant" }));
    expectAcceptance(r);
    const standard = await auditBytes(new Uint8Array(readFileSync(SAMPLE)));
    const kinds = (x: AuditResult) => new Set(x.findings.filter((f) => f.severity === "error").map((f) => f.rule));
    expect(kinds(r)).toEqual(kinds(standard));
  });

  it("a corrected copy audits clean, in both layouts", async () => {
    for (const layout of ["standard", "variant"] as const) {
      const r = await auditBytes(await sampleWorkbookBytes({ layout, corrected: true }));
      expect(r.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.message_en}`)).toEqual([]);
      expect(r.recognised.length).toBeGreaterThan(25);
    }
  });

  it("the audit never changes the snapshot it reads", async () => {
    const snap = await readXlsx(new Uint8Array(readFileSync(SAMPLE)), "sample.xlsx");
    const before = JSON.stringify(snap);
    runAudit(snap);
    expect(JSON.stringify(snap)).toBe(before);
  });
});
