import { describe, expect, it } from "vitest";
import { formatIdNumber, formatIdPercent, parseIdNumber, roundHalfUp } from "../src/core/numbers.js";

function value(text: string): number {
  const p = parseIdNumber(text);
  if (!p.ok) throw new Error(`expected a number for ${text}: ${p.messageEn}`);
  return p.value;
}

describe("parseIdNumber", () => {
  it.each([
    ["1.234.567,89", 1234567.89, "id"],
    ["95,73", 95.73, "id"],
    ["23.254", 23254, "id"],
    ["406.519", 406519, "id"],
    ["0", 0, "plain"],
    ["1480", 1480, "plain"],
    ["99.01", 99.01, "en"],
    ["1,234,567.89", 1234567.89, "en"],
    ["1,234,567", 1234567, "en"],
    ["-12,5", -12.5, "id"],
    ["(1.000)", -1000, "id"],
    ["1 234 567", 1234567, "plain"],
    ["1,5E+3", 1500, "id"],
  ] as const)("reads %s as %d (%s)", (text, expected, convention) => {
    const p = parseIdNumber(text);
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.value).toBeCloseTo(expected, 9);
      expect(p.convention).toBe(convention);
    }
  });

  it("reads percentages with Excel semantics", () => {
    const p = parseIdNumber("95,73%");
    expect(p.ok && p.value).toBeCloseTo(0.9573, 12);
    expect(p.ok && p.percent).toBe(true);
    expect(value("100%")).toBe(1);
    expect(value("79,49 %")).toBeCloseTo(0.7949, 12);
  });

  it("reads Rupiah amounts in their usual spellings", () => {
    expect(value("Rp 5.679.617.677")).toBe(5679617677);
    expect(value("Rp. 16.948.100.000,-")).toBe(16948100000);
    expect(value("Rp 384.013.000,-")).toBe(384013000);
    expect(value("IDR 1.000,50")).toBe(1000.5);
    const p = parseIdNumber("Rp 74.335.035.000");
    expect(p.ok && p.currency).toBe(true);
  });

  it("recognises broken thousands grouping with what was probably meant", () => {
    const p = parseIdNumber("23.2547");
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.kind).toBe("broken_grouping");
      // Dropping one digit of the 4-digit group: 23.254, 23.257, 23.247, 23.547.
      expect(p.candidates).toEqual(expect.arrayContaining([23254, 23257, 23247, 23547]));
      expect(p.messageId).toMatch(/mungkin maksudnya/);
      expect(p.messageEn).toMatch(/probably meant/);
    }
    const q = parseIdNumber("1.234.5678");
    expect(q.ok === false && q.kind).toBe("broken_grouping");
    const r = parseIdNumber("12.34.567");
    expect(r.ok === false && r.kind).toBe("broken_grouping");
  });

  it("refuses what cannot be a number, with a reason", () => {
    for (const t of ["abc", "12a", "1..2", ",5.", "Rp", "1,2,3.4,5", "%"]) {
      const p = parseIdNumber(t);
      expect(p.ok, t).toBe(false);
      if (!p.ok) expect(p.messageId.length).toBeGreaterThan(3);
    }
    const e = parseIdNumber("");
    expect(e.ok === false && e.kind).toBe("empty");
    const d = parseIdNumber("-");
    expect(d.ok === false && d.kind).toBe("empty");
    const x = parseIdNumber("#DIV/0!");
    expect(x.ok === false && x.kind).toBe("error_value");
  });
});

describe("formatting", () => {
  it("formats the id-ID way", () => {
    expect(formatIdNumber(1234567.891)).toBe("1.234.567,89");
    expect(formatIdNumber(23257, 0)).toBe("23.257");
    expect(formatIdNumber(95.7, 2)).toBe("95,70");
    expect(formatIdPercent(0.9573)).toBe("95,73%");
  });

  it("rounds half away from zero like the printed report", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(48.155, 2)).toBe(48.16);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
  });

  it("round-trips formatted numbers", () => {
    for (const n of [0, 1, 12.5, 1234.56, 98765432.1, 5679617677]) {
      expect(value(formatIdNumber(n, 2))).toBeCloseTo(n, 6);
    }
  });
});
