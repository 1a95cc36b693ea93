import { describe, expect, it } from "vitest";
import { capLowSeverity, GENERIC_RULES } from "../../src/core/audit/generic/index.js";
import type { Finding, Severity } from "../../src/core/audit/types.js";
import { book, f, runRules, sheet, type In } from "./helpers.js";

const finding = (cell: string, severity: Severity, impact?: number): Finding => ({
  rule: "x",
  severity,
  source: "generic",
  sheet: "S",
  cell,
  related: [],
  message_id: cell,
  message_en: cell,
  key: cell,
  ...(impact !== undefined ? { impact } : {}),
});

describe("capLowSeverity", () => {
  it("keeps every error and warning and the most consequential info findings", () => {
    const fs: Finding[] = [finding("W1", "warning", 0.1), finding("E1", "error", 0.01), finding("E2", "error", 0.5)];
    for (let i = 0; i < 80; i++) fs.push(finding(`I${i}`, "info", i / 100));
    fs.push(finding("Iu", "info"));
    const { shown, hidden } = capLowSeverity(fs, 50);
    expect(shown.slice(0, 3).map((x) => x.cell)).toEqual(["E2", "E1", "W1"]);
    expect(shown.length).toBe(53);
    expect(hidden.length).toBe(31);
    expect(shown[3]?.cell).toBe("I79");
    expect(shown[52]?.cell).toBe("I30");
    expect(hidden.map((x) => x.cell)).toContain("Iu");
    expect(hidden[hidden.length - 1]?.cell).toBe("Iu");
  });

  it("defaults to 50 and accepts 0", () => {
    const fs = Array.from({ length: 60 }, (_, i) => finding(`I${i}`, "info", 1));
    expect(capLowSeverity(fs).shown.length).toBe(50);
    expect(capLowSeverity(fs, 0)).toEqual({ shown: [], hidden: fs });
  });
});

describe("generic rules", () => {
  it("are all registered with source generic and bilingual titles", () => {
    expect(GENERIC_RULES.map((r) => r.id)).toEqual(["formula-consistency", "constant-in-formulas", "label-totals", "percent-columns", "text-numbers", "mixed-units"]);
    for (const r of GENERIC_RULES) {
      expect(r.source).toBe("generic");
      expect(r.title_id.length).toBeGreaterThan(0);
      expect(r.title_en.length).toBeGreaterThan(0);
    }
  });

  it("say nothing about a clean budget table, all rules together", () => {
    const rows: In[][] = [["No", "Program", "Pagu", "Realisasi", "Serapan (%)", "Sisa"]];
    const pagu = [1_200_000_000, 850_000_000, 430_000_000, 990_000_000, 2_100_000_000];
    const real = [1_100_000_000, 800_500_000, 430_000_000, 700_250_000, 2_000_000_000];
    pagu.forEach((p, i) => {
      const r = i + 2;
      rows.push([i + 1, `Program ${i + 1}`, p, real[i] ?? 0, f(`ROUND(D${r}/C${r}*100,2)`), f(`C${r}-D${r}`)]);
    });
    rows.push([null, "Jumlah", f("SUM(C2:C6)"), f("SUM(D2:D6)"), f("ROUND(D7/C7*100,2)"), f("SUM(F2:F6)")]);
    expect(runRules(book(sheet("Anggaran", rows)))).toEqual([]);
  });

  it("stay silent on a large clean sheet (20.000 rows; its linear cost is measured in bench/, not here)", () => {
    const rows: In[][] = [["No", "Uraian", "Target", "Realisasi", "Capaian (%)", "Sisa", "Catatan"]];
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const r = i + 2;
      rows.push([i + 1, `U${i}`, 100 + (i % 50), 90 + (i % 40), f(`D${r}/C${r}*100`, ((90 + (i % 40)) / (100 + (i % 50))) * 100), f(`C${r}-D${r}`, 100 + (i % 50) - (90 + (i % 40))), "ok"]);
    }
    const wb = book(sheet("Besar", rows));
    expect(runRules(wb)).toEqual([]);
  });
});
