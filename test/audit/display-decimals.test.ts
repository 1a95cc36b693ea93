import { describe, expect, it } from "vitest";
import { displayDecimals, verdict } from "../../src/core/audit/rules/model.js";
import { formatInfo } from "../../src/core/audit/generic/common.js";

const withFormat = (numberFormat: string, value: number | string = 1) => ({ row: 1, col: 1, value, numberFormat });

describe("displayDecimals: one reading of a number format for the schema and the generic rules", () => {
  it("counts the decimal places formatInfo counts, two more for a percent format", () => {
    const cases: [string, number][] = [
      ["0.00", 2],
      ["#,##0", 0],
      ["0.0?", 2], // ? is a decimal place too (padded with a space)
      ["0.0%", 3],
      ['0.00"%"', 2], // a literal sign: the value as it is
      ["0.00\\%", 2],
      ['"Rp."#,##0', 0], // the point inside quotes is text
      ['0.0"x.00"', 1],
      ["#,##0.00;(#,##0.000)", 2], // the positive section
      ["[$-421]0.000", 3],
      ["dd/mm/yyyy", 0],
    ];
    for (const [fmt, d] of cases) {
      expect(displayDecimals(withFormat(fmt)), fmt).toBe(d);
      const info = formatInfo(fmt);
      expect(displayDecimals(withFormat(fmt)), fmt).toBe(info ? info.decimals + (info.percent ? 2 : 0) : 0);
    }
  });

  it("judges a value at the precision its format shows", () => {
    // 95,758 shown as 95,76 under 0.0? is no error; under 0.0 it would show 95,8.
    expect(verdict(95.76, 95.758, withFormat("0.0?"))).toBe("ok");
    expect(verdict(95.8, 95.758, withFormat("0.0"))).toBe("ok");
    expect(verdict(95.7, 95.758, withFormat("0.0?"))).not.toBe("ok");
  });
});
