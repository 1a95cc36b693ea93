import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { maskNumbers } from "../../src/core/audit/engine.js";

describe("maskNumbers (the numbers-free start of a message in a finding's key)", () => {
  it("equals replacing every number run by # and keeping the first characters", () => {
    const ch = fc.constantFrom("1", "0", "9", "-", ".", ",", "a", " ", "%", "Z", "é", "#");
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 200 }).map((a) => a.join("")), fc.integer({ min: 0, max: 120 }), (s, max) => {
        expect(maskNumbers(s, max)).toBe(s.replace(/[-0-9.,]+/g, "#").slice(0, max));
      }),
      { numRuns: 3000 },
    );
  });

  it("cuts a long message after the run that makes its last character", () => {
    expect(maskNumbers("abc 1.234,5 de", 5)).toBe("abc #");
    expect(maskNumbers("12-34 x", 1)).toBe("#");
    expect(maskNumbers("", 80)).toBe("");
  });
});
