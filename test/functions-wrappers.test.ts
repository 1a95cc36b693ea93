/**
 * The custom function wrappers under a fake CustomFunctions runtime: good input gives finite
 * numbers or texts, bad input the right CustomFunctions.Error, with a message only where Excel
 * allows one (#VALUE!, #N/A).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as F from "../src/functions/functions.js";
import { GENERIC_MESSAGE, MAX_MESSAGE_LENGTH, associateShim, invoke, truncateMessage } from "../src/functions/errors.js";
import { SakipError } from "../src/core/errors.js";
import { ErrorCode, FakeError } from "./support/fake-custom-functions.js";

const associated: [string, unknown][] = [];
const fakeRuntime = {
  Error: FakeError,
  ErrorCode,
  associate: (id: string, fn: unknown) => void associated.push([id, fn]),
};

type Global = { CustomFunctions?: unknown };
const g = globalThis as Global;
const previous = g.CustomFunctions;

function install(): void {
  g.CustomFunctions = fakeRuntime;
}
function uninstall(): void {
  delete g.CustomFunctions;
}

beforeAll(install);
afterAll(() => {
  if (previous === undefined) uninstall();
  else g.CustomFunctions = previous;
});

/** What `fn` threw; fails the test when it returned. */
function thrown(fn: () => unknown): unknown {
  try {
    const value = fn();
    expect.fail(`expected an error, got ${JSON.stringify(value)}`);
  } catch (e) {
    return e;
  }
}

/** Assert a CustomFunctions.Error with `code`, and a bilingual message exactly when allowed. */
function expectExcelError(fn: () => unknown, code: string): FakeError {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(FakeError);
  const err = e as FakeError;
  expect(err.code).toBe(code);
  if (code === "#VALUE!" || code === "#N/A") {
    expect(typeof err.message).toBe("string");
    expect(err.message?.length ?? 0).toBeGreaterThan(0);
    expect(err.message?.length ?? 0).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  } else {
    expect(err.message).toBeUndefined();
  }
  return err;
}

describe("good input returns finite values", () => {
  beforeEach(install);

  it("CAPAIAN", () => {
    expect(F.CAPAIAN(95.73, 91)).toBeCloseTo(105.1978, 4);
    expect(F.CAPAIAN("95,73", "91")).toBeCloseTo(105.1978, 4);
    expect(F.CAPAIAN([[95.73]], [[91]])).toBeCloseTo(105.1978, 4);
    expect(F.CAPAIAN(80, 100, "negatif")).toBeCloseTo(120, 10);
    expect(F.CAPAIAN(80, 100, "negatif", "rasio")).toBeCloseTo(125, 10);
    expect(F.CAPAIAN(80, 100, null, null)).toBeCloseTo(80, 10);
    expect(F.CAPAIAN(80, 100, "", "")).toBeCloseTo(80, 10);
  });

  it("RASIO with scale, cap and 0/0 policies", () => {
    expect(F.RASIO(1, 4)).toBe(25);
    expect(F.RASIO(1, 4, 1)).toBe(0.25);
    expect(F.RASIO(5, 4, null, 100)).toBe(100);
    expect(F.RASIO(0, 0, null, null, "nol")).toBe(0);
    expect(F.RASIO(0, 0, null, null, "penuh")).toBe(100);
  });

  it("INDEKS_KOMPOSIT, RATA_CAPAIAN, SERAPAN, IKPA", () => {
    expect(F.INDEKS_KOMPOSIT([[90], [100]], [[70], [30]])).toBeCloseTo(93, 10);
    expect(F.INDEKS_KOMPOSIT([[90, 100]], [[0.7, 0.3]])).toBeCloseTo(93, 10);
    expect(F.RATA_CAPAIAN([[100], [""], [90]])).toBeCloseTo(95, 10);
    expect(F.SERAPAN(5_679_617_677, 6_000_000_000)).toBeCloseTo((5_679_617_677 / 6_000_000_000) * 100, 10);
    expect(F.SERAPAN(50, 200, 100)).toBeCloseTo(50, 10);
    expect(F.IKPA([[100], [90]], [[50], [50]])).toBeCloseTo(95, 10);
    expect(F.IKPA([[100], [90]], [[50], [50]], 1)).toBeCloseTo(94, 10);
  });

  it("IKK_LAYANAN takes data, timing range, part and 0/0 policy in that order", () => {
    const rows = [
      ["K1", 100, 90, 5, 5, 100, 95],
      ["K2", 50, 40, 5, 5, 50, 50],
    ];
    const x = F.IKK_LAYANAN(rows);
    const k1 = F.IKK_LAYANAN(rows, undefined, "K1");
    const k2 = F.IKK_LAYANAN(rows, undefined, "K2");
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeCloseTo((k1 + k2) / 2, 10);
    expect(F.IKK_LAYANAN(rows, undefined, "K1", "galat")).toBe(k1);
    // Excel passes null for an omitted optional range.
    expect(F.IKK_LAYANAN(rows, null as unknown as unknown[][], "K1")).toBe(k1);
  });

  it("PREDIKAT_IKPA, PREDIKAT_SAKIP", () => {
    expect(F.PREDIKAT_IKPA(96)).toBe("Sangat Baik");
    expect(F.PREDIKAT_IKPA("89")).toBe("Baik");
    expect(F.PREDIKAT_SAKIP(85)).toBe("A");
    expect(F.PREDIKAT_SAKIP(90.01)).toBe("AA");
  });

  it("ANGKA_ID, TEKS_ID", () => {
    expect(F.ANGKA_ID("1.234.567,89")).toBeCloseTo(1234567.89, 6);
    expect(F.ANGKA_ID("95,73%")).toBeCloseTo(0.9573, 10);
    expect(F.ANGKA_ID("Rp 5.679.617.677,-")).toBe(5679617677);
    expect(F.ANGKA_ID(42)).toBe(42);
    expect(F.TEKS_ID(1234567.891)).toBe("1.234.567,89");
    expect(F.TEKS_ID(1234567.891, 0)).toBe("1.234.568");
  });
});

describe("bad input throws the matching CustomFunctions.Error", () => {
  beforeEach(install);

  it("#DIV/0! for a zero target, without a message", () => {
    expectExcelError(() => F.CAPAIAN(1, 0), "#DIV/0!");
    expectExcelError(() => F.RASIO(0, 0), "#DIV/0!");
    expectExcelError(() => F.SERAPAN(0, 0), "#DIV/0!");
  });

  it("#VALUE! for text that is not a number, with a bilingual message", () => {
    const e = expectExcelError(() => F.CAPAIAN("abc", 1), "#VALUE!");
    expect(e.message).toContain(" / ");
    expectExcelError(() => F.CAPAIAN(true, 1), "#VALUE!");
    expectExcelError(() => F.CAPAIAN(1, 1, "naik-turun"), "#VALUE!");
    expectExcelError(() => F.ANGKA_ID("abc"), "#VALUE!");
    expectExcelError(() => F.RASIO(0, 0, null, null, "entah"), "#VALUE!");
    expectExcelError(() => F.IKK_LAYANAN([["K1", 1, 1, 0, 0, 1, 1], ["K2", 1, 1, 0, 0, 1, 1]], undefined, "K9"), "#VALUE!");
    expectExcelError(() => F.IKK_GAKUM([["spdp", 1]], "K9"), "#VALUE!");
  });

  it("#N/A for empty cells, with a message", () => {
    expectExcelError(() => F.CAPAIAN(null, 1), "#N/A");
    expectExcelError(() => F.CAPAIAN("", 1), "#N/A");
    expectExcelError(() => F.CAPAIAN([[null]], 1), "#N/A");
    expectExcelError(() => F.RATA_CAPAIAN([[""], [null]]), "#N/A");
    expectExcelError(() => F.ANGKA_ID(""), "#N/A");
  });

  it("#NUM! for weights that do not sum to 100% and out-of-range values, without a message", () => {
    expectExcelError(() => F.INDEKS_KOMPOSIT([[1], [2]], [[40], [70]]), "#NUM!");
    expectExcelError(() => F.SERAPAN(2, 1), "#NUM!");
    expectExcelError(() => F.PREDIKAT_SAKIP(120), "#NUM!");
    expectExcelError(() => F.PREDIKAT_IKPA(-1), "#NUM!");
    expectExcelError(() => F.TEKS_ID(1, 11), "#NUM!");
    expectExcelError(() => F.CAPAIAN(Number.NaN, 1), "#NUM!");
  });

  it("an error value passed in comes back out; #REF!/#NAME? become #VALUE! (not valid outputs)", () => {
    expectExcelError(() => F.CAPAIAN(new FakeError("#N/A"), 1), "#N/A");
    expectExcelError(() => F.CAPAIAN(new FakeError("#DIV/0!"), 1), "#DIV/0!");
    const ref = expectExcelError(() => F.CAPAIAN("#REF!", 1), "#VALUE!");
    expect(ref.message).toContain("#REF!");
    const name = expectExcelError(() => F.CAPAIAN(new FakeError("#NAME?"), 1), "#VALUE!");
    expect(name.message).toContain("#NAME?");
  });
});

describe("invoke", () => {
  beforeEach(install);

  it("never lets NaN, Infinity or -0 out", () => {
    expectExcelError(() => invoke(() => Number.NaN), "#NUM!");
    expectExcelError(() => invoke(() => Number.POSITIVE_INFINITY), "#NUM!");
    expect(Object.is(invoke(() => -0), 0)).toBe(true);
  });

  it("maps #NULL! to nullReference without a message", () => {
    expectExcelError(() => invoke(() => { throw new SakipError("#NULL!", "a", "b"); }), "#NULL!");
  });

  it("turns any other thrown value into #VALUE! with a generic bilingual message", () => {
    expect(expectExcelError(() => invoke(() => { throw new TypeError("boom"); }), "#VALUE!").message).toBe(GENERIC_MESSAGE);
    expect(expectExcelError(() => invoke(() => { throw "text"; }), "#VALUE!").message).toBe(GENERIC_MESSAGE);
    expect(GENERIC_MESSAGE).toContain(" / ");
  });

  it("refuses a result that is neither a number nor a text", () => {
    expectExcelError(() => invoke(() => undefined as unknown as number), "#VALUE!");
  });

  it("cuts long messages to Excel's limit", () => {
    const e = expectExcelError(() => invoke(() => { throw new SakipError("#VALUE!", "kata ".repeat(100), "word ".repeat(100)); }), "#VALUE!");
    expect(e.message?.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(e.message?.endsWith("…")).toBe(true);
    expect(truncateMessage("pendek / short")).toBe("pendek / short");
  });
});

describe("without a CustomFunctions runtime (tests, page outside Excel)", () => {
  beforeEach(uninstall);
  afterAll(install);

  it("throws a plain { code, message } object", () => {
    const e = thrown(() => F.CAPAIAN(1, 0)) as { code?: unknown; message?: unknown };
    expect(e).not.toBeInstanceOf(FakeError);
    expect(e.code).toBe("#DIV/0!");
    expect(typeof e.message).toBe("string");
    expect((thrown(() => F.CAPAIAN("abc", 1)) as { code?: unknown }).code).toBe("#VALUE!");
    expect(F.CAPAIAN(95.73, 91)).toBeCloseTo(105.1978, 4);
  });

  it("the associate shim does nothing instead of throwing", () => {
    expect(() => associateShim().associate("CAPAIAN", F.CAPAIAN)).not.toThrow();
  });

  it("the associate shim forwards to the runtime when there is one", () => {
    install();
    associated.length = 0;
    associateShim().associate("CAPAIAN", F.CAPAIAN);
    expect(associated).toEqual([["CAPAIAN", F.CAPAIAN]]);
  });
});
