import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { labelMatcher, labelMatches, normalizeKey, normalizeLabel } from "../src/core/text.js";

/** The definition normalizeLabel implements (its fast ASCII path must give the same result). */
function reference(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, " ")
    .trim();
}

describe("normalizeLabel", () => {
  it("lower-cases, drops accents and punctuation, collapses spaces", () => {
    expect(normalizeLabel("  Jumlah  Diselesaikan (%) ")).toBe("jumlah diselesaikan %");
    expect(normalizeLabel("Pra-Penyidikan")).toBe("pra penyidikan");
    expect(normalizeLabel("Kantor Imigrasi Kélas I")).toBe("kantor imigrasi kelas i");
    expect(normalizeLabel("already clean")).toBe("already clean");
    expect(normalizeLabel("---")).toBe("");
    expect(normalizeKey("Pra-Penyidikan %")).toBe("pra_penyidikan_persen");
  });

  it("agrees with the reference definition on any text (ASCII fast path and the general path)", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09 %-.,_()\t\nJumlahTOTAL  ".split("")), maxLength: 30 });
    fc.assert(fc.property(fc.oneof(ascii, fc.string({ maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 })), (s) => normalizeLabel(s) === reference(s)), { numRuns: 20_000 });
  });

  it("labelMatches and labelMatcher agree with the whole-word definition on any texts", () => {
    const words = fc.array(fc.constantFrom("total", "permohonan", "paspor", "pas", "i", "ii", "jumlah", "48h", "%", "-", "a"), { maxLength: 6 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(words, fc.array(words, { maxLength: 4 }), (label, variants) => {
        const l = reference(label);
        const expected = l !== "" && variants.map(reference).some((n) => n !== "" && (l === n || ` ${l} `.includes(` ${n} `)));
        expect(labelMatches(label, variants)).toBe(expected);
        expect(labelMatcher(variants)(l)).toBe(expected);
        const exact = l !== "" && variants.map(reference).some((n) => n !== "" && l === n);
        expect(labelMatches(label, variants, "exact")).toBe(exact);
      }),
      { numRuns: 5_000 },
    );
  });

  it("matches variants as whole words", () => {
    expect(labelMatches("Total Permohonan Masuk", ["total permohonan"])).toBe(true);
    expect(labelMatches("Totalnya", ["total"])).toBe(false);
    expect(labelMatches("Total", ["total permohonan"], "exact")).toBe(false);
  });
});
