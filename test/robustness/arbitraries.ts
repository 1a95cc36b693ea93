/**
 * fast-check arbitraries for what Excel can hand a custom function (and some things it cannot):
 * numbers of every size and sign, numbers written as text in both conventions (and broken ones),
 * blanks, booleans, error literals and error objects, ranges of odd shapes and nested junk.
 */
import fc from "fast-check";

export { ErrorCode, FakeError } from "../support/fake-custom-functions.js";
import { FakeError } from "../support/fake-custom-functions.js";

export const ERROR_LITERALS = ["#VALUE!", "#DIV/0!", "#NUM!", "#N/A", "#REF!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA", "#value!", " #N/A "];

const idFmt = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 4 });
const enFmt = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

export const numberArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double() },
  { weight: 4, arbitrary: fc.integer({ min: -1_000_000, max: 10_000_000 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(0, -0, 1, 100, 50, 70, 30, 1e308, -1e308, 5e-324, -5e-324, Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, 1e21, 1e-7, Number.NaN, Infinity, -Infinity),
  },
);

/** Numbers as text: id-ID, en-US, plain, percent, Rupiah, broken grouping, odd spacing. */
export const numberTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((n) => idFmt.format(n)),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((n) => enFmt.format(n)),
  fc.double({ noNaN: true }).map((n) => String(n)),
  fc.double({ min: 0, max: 200, noNaN: true }).map((n) => `${idFmt.format(n)}%`),
  fc.integer({ min: 0, max: 1e12 }).map((n) => `Rp ${idFmt.format(n)},-`),
  // Broken grouping: a group that is not three digits (23.2547, 1.23.456).
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 99999 }), fc.constantFrom(1, 2, 4, 5)).map(([a, b, d]) => `${a}.${String(b).padStart(d, "0").slice(0, d)}`),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 10, max: 99 }), fc.integer({ min: 100, max: 999 })).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.constantFrom("1.234.567,89", "1,234,567.89", "95,73", "95.73", "99.01", "(1.234)", "−5", "- 5", " 42 ", "1e5", "1E-3", "0x10", "Infinity", "-Infinity", "NaN", "1.2.3,4,5", "1,,2", "12,34,56", "١٢٣", "１２３", "5 %", "%", "Rp", "Rp -", "1.000.000.000.000.000.000.000"),
);

export const junkTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.constantFrom("", " ", "-", "–", "—", "--", "abc", "Jumlah", "Total", "K1", "K2", "X", "constructor", "__proto__", "toString", "hasOwnProperty", "\u0000", "a".repeat(300)),
);

export const blankArb = fc.constantFrom(null, undefined, "", "   ");

export const errorArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...ERROR_LITERALS),
  fc.constantFrom("#VALUE!", "#DIV/0!", "#NUM!", "#N/A", "#REF!", "#NAME?", "#NULL!", "#WEIRD!").map((c) => new FakeError(c, "from a cell")),
);

export const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: numberArb },
  { weight: 4, arbitrary: numberTextArb },
  { weight: 2, arbitrary: junkTextArb },
  { weight: 2, arbitrary: blankArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: errorArb },
);

/** Ranges: 0×0, [[]], ragged, 1×N, N×1, 1-D, nested junk, or a single cell given to a range parameter. */
export const rangeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom([], [[]], [[], []], [[null]], [[""]]),
  fc.array(fc.array(scalarArb, { maxLength: 5 }), { maxLength: 6 }),
  fc.array(scalarArb, { minLength: 1, maxLength: 8 }).map((r) => [r]),
  fc.array(scalarArb, { minLength: 1, maxLength: 8 }).map((r) => r.map((x) => [x])),
  fc.array(scalarArb, { maxLength: 6 }),
  fc.array(fc.array(fc.oneof(scalarArb, fc.array(scalarArb, { maxLength: 3 }), fc.constantFrom({}, { code: 5 }, [[1]], Symbol.for("x"))), { maxLength: 4 }), { maxLength: 4 }),
  scalarArb,
);

/** Any argument: mostly cells, sometimes ranges or omitted. */
export const argArb: fc.Arbitrary<unknown> = fc.oneof({ weight: 6, arbitrary: scalarArb }, { weight: 2, arbitrary: rangeArb }, { weight: 1, arbitrary: fc.constant(undefined) });

/** An option keyword argument: the real keywords, their cases and spacing, and junk. */
export function optionArb(keywords: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keywords) },
    { weight: 2, arbitrary: fc.constantFrom(...keywords).map((k) => ` ${k.toUpperCase()} `) },
    { weight: 2, arbitrary: argArb },
  );
}

/** A numeric matrix with a given shape, cells mostly numbers (some text numbers and blanks). */
export function numericMatrix(rows: number, cols: number): fc.Arbitrary<unknown[][]> {
  const cell = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 120, noNaN: true }) }, { weight: 1, arbitrary: numberTextArb }, { weight: 1, arbitrary: blankArb }, { weight: 1, arbitrary: scalarArb });
  return fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}
