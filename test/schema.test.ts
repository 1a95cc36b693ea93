import { describe, expect, it } from "vitest";
import { SchemaError, loadBuiltinSchema, parseSchema, parseSchemaText } from "../src/core/schema/schema.js";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof SchemaError) return e.problems;
    throw e;
  }
  return [];
}

describe("indicator schema", () => {
  it("the built-in schema holds the four IKK of the 2025 Perjanjian Kinerja with 2025 and 2026 targets", () => {
    const s = loadBuiltinSchema();
    expect(s.indicators.map((i) => i.id)).toEqual(["ikk_layanan", "ikk_gakum", "rb", "kepuasan"]);
    const t = Object.fromEntries(s.indicators.map((i) => [i.id, i.targets]));
    expect(t.ikk_layanan).toEqual({ "2025": 91, "2026": 92.2 });
    expect(t.ikk_gakum).toEqual({ "2025": 90.8, "2026": 91.53 });
    expect(t.rb).toEqual({ "2025": 100, "2026": 100 });
    expect(t.kepuasan).toEqual({ "2025": 3.51, "2026": 3.52 });
  });

  it("every built-in calculation's weights sum to 100% and follow BAB III", () => {
    const s = loadBuiltinSchema();
    const w = (id: string) => s.calcs.find((c) => c.id === id)?.parts.map((p) => p.weight);
    expect(w("layanan.K1")).toEqual([70, 30]);
    expect(w("layanan.X")).toEqual([50, 50]);
    expect(w("gakum.I1")).toEqual([40, 60]);
    expect(w("gakum.K1")).toEqual([30, 70]);
    expect(w("gakum.K5")).toEqual([45, 5, 5, 45]);
    expect(w("gakum.K6")).toEqual([60, 30, 10]);
    expect(w("gakum.X")).toEqual([20, 20, 20, 10, 10, 20]);
    expect(s.calcs.find((c) => c.id === "gakum.K5")?.parts.filter((p) => p.polarity === "negatif").map((p) => p.label)).toEqual(["D2", "D3"]);
    expect(s.calcs.find((c) => c.id === "gakum.K3")?.cap).toBe(100);
  });

  it("rejects a schema with clear, located problems", () => {
    const base = loadBuiltinSchema();
    const bad = structuredClone(base) as unknown as { calcs: { parts: { weight: number }[] }[]; tables: { columns: unknown[] }[]; version: number };
    const p1 = problemsOf(() => parseSchema({ ...bad, version: 2 }));
    expect(p1.join("\n")).toMatch(/version/);
    const c = structuredClone(base);
    const first = c.calcs[0];
    if (first?.parts[0]) first.parts[0].weight = 80;
    expect(problemsOf(() => parseSchema(c)).join("\n")).toMatch(/110%|berjumlah 110/);
    const d = structuredClone(base);
    d.links[0] = { ...d.links[0]!, right: { table: "no_such_table", column: "x", agg: "sum", by_entity: false } };
    expect(problemsOf(() => parseSchema(d)).join("\n")).toMatch(/no_such_table/);
    expect(problemsOf(() => parseSchemaText("{ not json")).join("\n")).toMatch(/JSON/);
    expect(problemsOf(() => parseSchema({ version: 1, name: "x", tables: [{ id: "t" }] })).length).toBeGreaterThan(0);
  });

  it("rejects prototype-polluting keys", () => {
    const text = '{"version":1,"name":"x","__proto__":{"polluted":true}}';
    expect(problemsOf(() => parseSchemaText(text)).join("\n")).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problemsOf(() => parseSchema(JSON.parse('{"version":1,"name":"x","indicators":[{"constructor":{}}]}'))).join("\n")).toMatch(/constructor/);
  });

  it("a minimal user schema is enough to add an indicator (data, not code)", () => {
    const s = parseSchema({
      version: 1,
      name: "Dinas contoh",
      indicators: [{ id: "ikm", name: "Indeks Kepuasan Masyarakat", labels: ["Indeks Kepuasan Masyarakat"], sasaran: "Pelayanan", sasaran_labels: ["Meningkatnya pelayanan"], unit: "indeks", targets: { "2026": 82 } }],
    });
    expect(s.indicators[0]?.polarity).toBe("positif");
    expect(s.tables).toEqual([]);
  });
});
