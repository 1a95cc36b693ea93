/**
 * The schema rules' fast helpers against the straightforward code they replace, on random input.
 */
import { describe, expect, it } from "vitest";
import { labelMatcher, normalizeLabel } from "../../src/core/text.js";
import { RowLabelMatcher } from "../../src/core/audit/rules/cross-table.js";
import { EMPTY_LABEL, LabelSet, normalizedHash } from "../../src/core/audit/rules/keys.js";
import { ColumnValues } from "../../src/core/audit/rules/columns.js";
import type { TableRow } from "../../src/core/audit/tables.js";
import { Rng } from "../../bench/gen.js";

const ALPHABET = ["a", "B", "z", "Z", "0", "9", "%", " ", "  ", "-", ".", "/", "\t", "é", "É", "ß", "İ", "ø", "\u0301", "ﬁ", "Ⅻ", "²", "Ω", "_", "(", ")"];

function randomLabel(rng: Rng): string {
  let s = "";
  const n = rng.int(0, 12);
  for (let i = 0; i < n; i++) s += rng.chance(0.6) ? rng.pick(["a", "b", "c", "D", "E", " ", "1"]) : rng.pick(ALPHABET);
  return s;
}

function fnv(l: string): number {
  let h = 2166136261 | 0;
  for (let i = 0; i < l.length; i++) h = Math.imul(h ^ l.charCodeAt(i), 16777619);
  return h;
}

describe("normalizedHash", () => {
  it("is the hash of normalizeLabel's text, and EMPTY_LABEL exactly when that text is empty", () => {
    const rng = new Rng(7);
    for (let k = 0; k < 20_000; k++) {
      const s = randomLabel(rng);
      const l = normalizeLabel(s);
      const h = normalizedHash(s);
      if (l === "") expect(h, JSON.stringify(s)).toBe(EMPTY_LABEL);
      else {
        expect(h, JSON.stringify(s)).not.toBe(EMPTY_LABEL);
        const want = fnv(l);
        expect(h, JSON.stringify(s)).toBe(want === EMPTY_LABEL ? 1 : want);
      }
    }
  });
});

describe("LabelSet", () => {
  it("names the same first entry as a map keyed by the normalised label", () => {
    const rng = new Rng(11);
    const set = new LabelSet();
    for (let round = 0; round < 200; round++) {
      // Few distinct labels, so that repeats (under different spellings) are common.
      const pool = Array.from({ length: rng.int(1, 40) }, () => randomLabel(rng));
      const labels = Array.from({ length: rng.int(0, 3000) }, () => rng.pick(pool));
      set.reset(labels.length, (i) => labels[i] ?? "");
      const map = new Map<string, number>();
      const want: number[] = [];
      const got: number[] = [];
      for (let i = 0; i < labels.length; i++) {
        const s = labels[i] ?? "";
        const key = normalizeLabel(s);
        const h = normalizedHash(s);
        if (key === "" || h === EMPTY_LABEL) {
          expect(h === EMPTY_LABEL).toBe(key === "");
          continue;
        }
        const first = map.get(key) ?? -1;
        if (first < 0) map.set(key, i);
        want.push(first);
        got.push(set.firstSame(i, s, h));
      }
      expect(got).toEqual(want);
    }
  });

  it("tells labels apart whose hashes collide", () => {
    const set = new LabelSet();
    const labels = ["a", "b", "a", "b"];
    set.reset(labels.length, (i) => labels[i] ?? "");
    // The same (forced) hash for every label: only the comparison of the texts can tell them apart.
    expect(labels.map((s, i) => set.firstSame(i, s, 42))).toEqual([-1, -1, 0, 1]);
  });
});

/** A row of numbers by column id (null for a blank). */
function row(values: Record<string, number | null>): TableRow {
  return { num: (col: string) => values[col] ?? null } as unknown as TableRow;
}

describe("ColumnValues", () => {
  it("reads a column, a derived column and a sum of columns as row-by-row code does", () => {
    const rng = new Rng(3);
    const cols = ["a", "b", "c", "d"];
    const values = new ColumnValues();
    const sums = new ColumnValues();
    for (let round = 0; round < 300; round++) {
      const rows = Array.from({ length: rng.int(0, 700) }, () =>
        row(Object.fromEntries(cols.map((c) => [c, rng.chance(0.3) ? null : rng.pick([0, -0, 1.5, -2, 1e300, Infinity, 0.1, 0.2, rng.float() * 1000])]))),
      );
      const derived = rng.chance(0.5) ? { sum: ["b", "c", "d"] } : undefined;
      // Rows left out by a mask have no value.
      const mask = rng.chance(0.5) ? Uint8Array.from(rows, () => (rng.chance(0.7) ? 1 : 0)) : undefined;
      values.read(rows, "a", 0, derived, mask);
      sums.readSum(rows, ["b", "c", "d"]);
      const got: (number | null)[] = [];
      const want: (number | null)[] = [];
      rows.forEach((t, i) => {
        // derivedNum / rowValue as the rules had them.
        const own = t.num("a");
        if (mask && !mask[i]) want.push(null);
        else if (own === null && derived) {
          let any = false;
          let sum = 0;
          for (const p of derived.sum) {
            const v = t.num(p);
            if (v !== null) any = true;
            sum += v ?? 0;
          }
          want.push(any ? sum : null);
        } else want.push(own);
        got.push(values.has[i] ? (values.values[i] as number) : null);
        let any = false;
        let expected = 0;
        for (const p of ["b", "c", "d"]) {
          const v = t.num(p);
          if (v !== null) any = true;
          expected += v ?? 0;
        }
        got.push(sums.has[i] ? (sums.values[i] as number) : null);
        want.push(any ? expected : null);
      });
      // toEqual tells 0 from -0, and compares NaN and Infinity as themselves.
      expect(got).toEqual(want);
    }
  });
});

describe("RowLabelMatcher", () => {
  const WORDS = ["pos", "Lintas", "batas", "PASPOR", "paspur", "izin", "tinggal", "alih", "status", "kanim", "12", "%", "-", "é", "Pôs", "ﬁ", "data", "change", "", " "];
  const VARIANTS = [
    ["paspor", "paspur", "pos lintas batas", "plb", "dokumen perjalanan"],
    ["itk", "itas", "itap", "epo", "change data", "alih status", "izin tinggal", "perubahan data"],
    ["Pos-Lintas  Batas", "tinggal", "12 pos"],
    ["biaya beban"],
  ];

  function text(rng: Rng): string {
    let s = "";
    for (let i = rng.int(0, 4); i > 0; i--) s += rng.pick(WORDS) + rng.pick([" ", "  ", "-", "/", ""]);
    return s.trim();
  }

  it("decides like labelMatcher on the normalised joined label, and the joined label normalises part by part", () => {
    const rng = new Rng(5);
    const matchers = VARIANTS.map((v) => ({ fast: new RowLabelMatcher(v), slow: labelMatcher(v) }));
    const cols = ["no", "upt", "jenis"];
    for (let k = 0; k < 20_000; k++) {
      const texts = cols.map(() => text(rng));
      const label = texts.join(" ");
      const t = { text: (c: string) => texts[cols.indexOf(c)] ?? "", label } as unknown as TableRow;
      const joined = texts.map(normalizeLabel).filter(Boolean).join(" ");
      if (normalizeLabel(label) !== joined) expect(joined, JSON.stringify(texts)).toBe(normalizeLabel(label));
      for (const m of matchers) {
        const want = m.slow(normalizeLabel(label));
        const byColumn = texts.map((x) => [x]);
        if (m.fast.test(t, byColumn, 0) !== want) expect(m.fast.test(t, byColumn, 0), JSON.stringify(texts)).toBe(want);
      }
    }
  });
});
