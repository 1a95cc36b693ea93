/**
 * Property tests of the 12 custom-function wrappers under a fake CustomFunctions runtime: whatever
 * Excel (or a careless caller) hands them, each either returns a finite number (never -0) or a text,
 * or throws a CustomFunctions.Error whose code is one of the documented ones. Nothing else escapes:
 * no TypeError, no plain object, no NaN, no Infinity.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as F from "../../src/functions/functions.js";
import { MAX_MESSAGE_LENGTH } from "../../src/functions/errors.js";
import { GAKUM_KEYS } from "../../src/core/indicators/gakum.js";
import { ErrorCode, FakeError, argArb, blankArb, numberArb, numberTextArb, numericMatrix, optionArb, rangeArb, scalarArb } from "./arbitraries.js";

const RUNS = 10_000;

/** Plausible numeric cells: non-negative numbers, as numbers or as id-ID text. */
const goodNum: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ min: 0, max: 1e7, noNaN: true }),
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: 1, max: 1_000_000 }).map((n) => [[n]]),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n.toLocaleString("id-ID")),
);

/** `arb` once in `odds` draws, null otherwise. */
const rarely = <T>(arb: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> => fc.oneof({ weight: odds - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** Half plausible, half anything. */
const mixed = <A extends unknown[]>(good: fc.Arbitrary<A>, any: fc.Arbitrary<A>): fc.Arbitrary<A> => fc.oneof(good, any);

type Global = { CustomFunctions?: unknown };
const g = globalThis as Global;
const previous = g.CustomFunctions;
beforeAll(() => {
  g.CustomFunctions = { Error: FakeError, ErrorCode, associate: () => undefined };
});
afterAll(() => {
  if (previous === undefined) delete g.CustomFunctions;
  else g.CustomFunctions = previous;
});

/** Codes a wrapper may produce on its own; #NULL! only passes through from a #NULL! input. */
const DOCUMENTED = new Set(["#VALUE!", "#DIV/0!", "#NUM!", "#N/A"]);

function holdsNullError(x: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (typeof x === "string") return x.trim().toUpperCase() === "#NULL!";
  if (x instanceof FakeError) return x.code === "#NULL!";
  if (Array.isArray(x)) return x.some((y) => holdsNullError(y, depth + 1));
  return false;
}

function describeArgs(args: unknown[]): string {
  try {
    return JSON.stringify(args, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : Object.is(v, -0) ? "-0" : typeof v === "symbol" ? String(v) : v));
  } catch {
    return String(args);
  }
}

/** Outcomes per function, to make sure the generators reach the computations, not only the refusals. */
const outcomes = new Map<string, { ok: number; codes: Map<string, number> }>();

/** The contract every wrapper keeps, checked on one call. */
function checkCall(name: string, fn: (...a: never[]) => unknown, args: unknown[]): void {
  let result: unknown;
  const tally = outcomes.get(name) ?? { ok: 0, codes: new Map<string, number>() };
  outcomes.set(name, tally);
  try {
    result = (fn as (...a: unknown[]) => unknown)(...args);
  } catch (e) {
    if (e instanceof FakeError) tally.codes.set(e.code, (tally.codes.get(e.code) ?? 0) + 1);
    if (!(e instanceof FakeError)) {
      throw new Error(`${name}(${describeArgs(args)}) threw ${e instanceof Error ? `${e.name}: ${e.message}` : describeArgs([e])} instead of a CustomFunctions.Error`);
    }
    const allowed = DOCUMENTED.has(e.code) || (e.code === "#NULL!" && args.some((a) => holdsNullError(a)));
    if (!allowed) throw new Error(`${name}(${describeArgs(args)}) threw undocumented code ${e.code}`);
    if (e.code === "#VALUE!" || e.code === "#N/A") {
      if (typeof e.message !== "string" || e.message.length === 0 || e.message.length > MAX_MESSAGE_LENGTH) {
        throw new Error(`${name}(${describeArgs(args)}) threw ${e.code} with a bad message ${describeArgs([e.message])}`);
      }
    } else if (e.message !== undefined) {
      throw new Error(`${name}(${describeArgs(args)}) threw ${e.code} with a message, which Excel does not allow`);
    }
    return;
  }
  tally.ok++;
  if (typeof result === "number") {
    if (!Number.isFinite(result) || Object.is(result, -0)) throw new Error(`${name}(${describeArgs(args)}) returned ${String(result)}`);
  } else if (typeof result !== "string") {
    throw new Error(`${name}(${describeArgs(args)}) returned a ${typeof result}`);
  }
}

function property<A extends unknown[]>(name: string, fn: (...a: never[]) => unknown, arb: fc.Arbitrary<A>): void {
  fc.assert(
    fc.property(arb, (args) => {
      checkCall(name, fn, args);
    }),
    { numRuns: RUNS, seed: 4242, endOnFailure: true },
  );
  const t = outcomes.get(name);
  if (process.env.SAKIP_PROPERTY_STATS) console.log(name, t?.ok, Object.fromEntries(t?.codes ?? []));
  // The inputs must reach the computation often enough to mean something, and also hit refusals.
  expect(t?.ok ?? 0).toBeGreaterThan(RUNS * 0.03);
  expect(t?.codes.size ?? 0).toBeGreaterThan(0);
}

const POLARITY = ["positif", "negatif", "Positif", "naik", ""];
const METHOD = ["selisih", "rasio", "Rasio", "lain"];
const POLICY = ["galat", "nol", "penuh", "Nol", "abaikan"];
const LAYANAN_PARTS = ["X", "K1", "K2", "K1.D1", "K1.D2", "K2.D1", "K2.D2", "k 1 . d 2", "K3", "constructor", "__proto__"];
const GAKUM_PARTS = ["X", "K1", "K1.I1", "K1.I2", "K2", "K5.D3", "K6.D1", "I1", "K7", "toString", "constructor", "__proto__"];

/** Structured IKK_LAYANAN input: a header row from the real labels (or none) over numeric rows. */
const layananRowArb = fc
  .tuple(
    fc.constantFrom("K1", "K2", "K1", "K2", "Paspor Biasa", "ITAS", "Alih Status", "Jumlah", "Total", "Lainnya", "", null),
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 1000 }),
    fc.integer({ min: 0, max: 500 }),
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 5000 }),
    rarely(fc.tuple(fc.integer({ min: 1, max: 6 }), scalarArb), 8),
  )
  .map(([label, terbit, ditolak, batal, slack, sesuai, late, junk]) => {
    const row: unknown[] = [label, terbit + ditolak + batal + slack, terbit, ditolak, batal, sesuai + late, sesuai];
    if (junk) row[junk[0]] = junk[1];
    return row;
  });

const layananDataArb: fc.Arbitrary<unknown> = fc.oneof(
  rangeArb,
  fc.tuple(fc.boolean(), fc.array(layananRowArb, { minLength: 1, maxLength: 8 })).map(([withHeader, rows]) =>
    withHeader ? [["Komponen", "Total Permohonan", "Terbit", "Ditolak", "Batal by system", "Total Permohonan Sesuai Syarat", "Total Layanan Tepat Waktu"], ...rows] : rows,
  ),
);

const gakumKeys = Object.keys(GAKUM_KEYS);
/** Structured IKK_GAKUM input: key | value rows with most keys present, mostly consistent values. */
const gakumDataArb: fc.Arbitrary<unknown> = fc.oneof(
  rangeArb,
  fc
    .tuple(
      fc.subarray(gakumKeys, { minLength: gakumKeys.length - 1 }),
      fc.integer({ min: 0, max: 500 }),
      fc.array(rarely(fc.oneof(fc.integer({ min: 0, max: 500 }), scalarArb), 40), { minLength: gakumKeys.length, maxLength: gakumKeys.length }),
      fc.array(fc.tuple(fc.constantFrom("Kunci", "Nilai", "Catatan", "toString"), scalarArb), { maxLength: 2 }),
    )
    .map(([keys, n, noise, extra]) => [...keys.map((k, i) => [k, noise[i] ?? n]), ...extra.map(([k, v]) => [k, v])]),
);

/** Values and weights of the same length (or not), weights often summing to 100 or 1. */
const weightedArb: fc.Arbitrary<[unknown, unknown]> = fc.oneof(
  fc.tuple(rangeArb, rangeArb),
  fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.tuple(
      numericMatrix(n, 1),
      fc.oneof(
        numericMatrix(n, 1),
        fc.constant(Array.from({ length: n }, (_, i) => [i === n - 1 ? 100 - Math.floor(100 / n) * (n - 1) : Math.floor(100 / n)])),
        fc.constant(Array.from({ length: n }, () => [1 / n])),
        numericMatrix(1, n),
      ),
    ),
  ),
);

describe(`custom-function wrappers: ${RUNS.toLocaleString("en-US")} generated inputs each`, () => {
  it("CAPAIAN", () =>
    property(
      "CAPAIAN",
      F.CAPAIAN,
      mixed(fc.tuple(goodNum, goodNum, fc.constantFrom(undefined, null, "positif", "negatif"), fc.constantFrom(undefined, "selisih", "rasio")), fc.tuple(argArb, argArb, optionArb(POLARITY), optionArb(METHOD))),
    ));

  it("RASIO", () =>
    property(
      "RASIO",
      F.RASIO,
      mixed(
        fc.tuple(goodNum, goodNum, fc.constantFrom(undefined, null, 1, 100, 1000), fc.constantFrom(undefined, null, 100, 120), fc.constantFrom(undefined, "galat", "nol", "penuh")),
        fc.tuple(argArb, argArb, fc.oneof(argArb, numberArb), fc.oneof(argArb, numberArb), optionArb(POLICY)),
      ),
    ));

  it("INDEKS_KOMPOSIT", () => property("INDEKS_KOMPOSIT", F.INDEKS_KOMPOSIT as (...a: never[]) => unknown, weightedArb));

  it("IKK_LAYANAN", () =>
    property("IKK_LAYANAN", F.IKK_LAYANAN as (...a: never[]) => unknown, fc.tuple(layananDataArb, fc.oneof(fc.constant(undefined), fc.constant(null), rangeArb), optionArb(LAYANAN_PARTS), optionArb(POLICY))));

  it("IKK_GAKUM", () => property("IKK_GAKUM", F.IKK_GAKUM as (...a: never[]) => unknown, fc.tuple(gakumDataArb, optionArb(GAKUM_PARTS), optionArb(POLICY))));

  it("RATA_CAPAIAN", () => property("RATA_CAPAIAN", F.RATA_CAPAIAN as (...a: never[]) => unknown, fc.tuple(fc.oneof(rangeArb, numericMatrix(3, 2)))));

  it("SERAPAN", () =>
    property(
      "SERAPAN",
      F.SERAPAN,
      mixed(
        fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), fc.constantFrom(undefined, null, 0)).map(([a, b, c]) => [Math.min(a, b), Math.max(a, b), c] as unknown[]),
        fc.tuple(argArb, argArb, fc.oneof(argArb, blankArb)),
      ),
    ));

  it("IKPA", () => property("IKPA", F.IKPA as (...a: never[]) => unknown, fc.tuple(weightedArb, fc.oneof(argArb, blankArb)).map(([[v, w], d]) => [v, w, d] as unknown[])));

  it("PREDIKAT_IKPA", () => property("PREDIKAT_IKPA", F.PREDIKAT_IKPA, fc.tuple(fc.oneof(argArb, fc.double({ min: -10, max: 110, noNaN: true })))));

  it("PREDIKAT_SAKIP", () => property("PREDIKAT_SAKIP", F.PREDIKAT_SAKIP, fc.tuple(fc.oneof(argArb, fc.double({ min: -10, max: 110, noNaN: true })))));

  it("ANGKA_ID", () => property("ANGKA_ID", F.ANGKA_ID, fc.tuple(fc.oneof(argArb, numberTextArb, numberTextArb))));

  it("TEKS_ID", () => property("TEKS_ID", F.TEKS_ID, fc.tuple(argArb, fc.oneof(argArb, fc.integer({ min: -2, max: 12 }), fc.double()))));
});

/** A complete, consistent IKK_GAKUM input (every key present, every value 10). */
const fullGakum = () => Object.keys(GAKUM_KEYS).map((k) => [k, 10] as unknown[]);

/** The code and message of what `fn` threw, or undefined when it returned. */
function errorOf(fn: () => unknown): { code: string; message?: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof FakeError ? { code: e.code, ...(e.message === undefined ? {} : { message: e.message }) } : { code: `not a CustomFunctions.Error: ${String(e)}` };
  }
}

/*
 * Part and key lookups must not see Object.prototype members: user text such as "constructor" or
 * "__proto__" is an unknown part or an ignored label, never a built-in member.
 */
describe("option and key names that are Object.prototype members", () => {
  const rows = [["K1", 1, 1, 0, 0, 1, 1], ["K2", 1, 1, 0, 0, 1, 1]];
  const unknownPart = /tidak dikenal|unknown part/;

  it("IKK_LAYANAN still refuses ordinary unknown parts with #VALUE! \"unknown part\"", () => {
    for (const part of ["K3", "toString", "hasOwnProperty", "valueOf"]) {
      const e = errorOf(() => F.IKK_LAYANAN(rows, undefined, part));
      expect(e?.code).toBe("#VALUE!");
      expect(e?.message).toMatch(unknownPart);
    }
  });

  it("IKK_LAYANAN refuses bagian \"constructor\" / \"__proto__\" as an unknown part", () => {
    for (const part of ["constructor", "__proto__"]) {
      const e = errorOf(() => F.IKK_LAYANAN(rows, undefined, part));
      expect(e?.code).toBe("#VALUE!");
      expect(e?.message).toMatch(unknownPart);
    }
  });

  it("IKK_GAKUM refuses bagian \"constructor\" / \"__proto__\" as an unknown part", () => {
    for (const part of ["constructor", "__proto__"]) {
      const e = errorOf(() => F.IKK_GAKUM(fullGakum(), part));
      expect(e?.code).toBe("#VALUE!");
      expect(e?.message).toMatch(unknownPart);
    }
  });

  it("IKK_GAKUM ignores a data row labelled \"constructor\" like any unknown label", () => {
    expect(F.IKK_GAKUM([...fullGakum(), ["constructor", 5]])).toBe(F.IKK_GAKUM(fullGakum()));
  });
});
