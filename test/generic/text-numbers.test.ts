import { describe, expect, it } from "vitest";
import { book, cellsOf, runRules, sheet, type In } from "./helpers.js";
import { decimalStyle } from "../../src/core/audit/generic/text-numbers.js";

const run = (rows: In[][]) => runRules(book(sheet("S", rows)), "text-numbers");

const col = (header: string, values: In[]): In[][] => [[header], ...values.map((v) => [v])];

describe("text-numbers", () => {
  it("flags a number stored as text in a column of numbers", () => {
    const fs = run(col("Jumlah Pegawai", [120, 85, "42", 66, 17]));
    expect(cellsOf(fs)).toEqual(["A4"]);
    expect(fs[0]?.severity).toBe("warning");
    expect(fs[0]?.expected).toBe(42);
    expect(fs[0]?.actual).toBe("42");
  });

  it("flags broken id-ID grouping as an error with the probable values", () => {
    const fs = run(col("Realisasi", [1_250_000, 23_254, "23.2547", 406_519]));
    expect(cellsOf(fs)).toEqual(["A4"]);
    const x = fs[0];
    expect(x?.severity).toBe("error");
    expect(x?.message_id).toContain("mungkin maksudnya 23.254 / 23.257");
    expect(x?.message_en).toContain("probably meant 23,254 / 23,257");
    expect(x?.expected).toBe(23254);
  });

  it("flags mixed decimal conventions on the minority style", () => {
    const fs = run(col("Capaian", ["99,01", "98,50", "99.01", "97,25", 96.5]));
    const mixed = fs.filter((x) => /Mixed decimal/.test(x.message_en));
    expect(cellsOf(mixed)).toEqual(["A4"]);
    expect(mixed[0]?.severity).toBe("warning");
    expect(mixed[0]?.message_id).toMatch(/Konvensi desimal campuran/);
    // The others are numbers stored as text; one finding per cell.
    expect(cellsOf(fs)).toEqual(["A2", "A3", "A4", "A5"]);
  });

  it("stays silent on identifiers, codes and label columns", () => {
    expect(run(col("NIP", ["198001012005011001", "197512312000031002", 5, 6]))).toEqual([]);
    expect(run(col("Kode", ["01", "02", "1.2", 3, 4]))).toEqual([]);
    expect(run(col("Uraian", ["Belanja pegawai", "Belanja barang", "2024", "Belanja modal"]))).toEqual([]);
    expect(run(col("Telepon", ["0812345678", 5, 6, 7]))).toEqual([]);
  });

  it("reports a column typed entirely as text once", () => {
    const fs = run(col("Anggaran", ["1.250.000", "2.500.000", "750.000", "125.000"]));
    expect(fs.length).toBe(1);
    expect(fs[0]?.related).toEqual(["A2:A5"]);
    expect(fs[0]?.expected).toBe(4_625_000);
  });

  it("classifies decimal styles, ambiguous ones excluded", () => {
    expect(decimalStyle("99,01")).toBe("id");
    expect(decimalStyle("1.234.567,89")).toBe("id");
    expect(decimalStyle("99.01")).toBe("en");
    expect(decimalStyle("1,234.5")).toBe("en");
    expect(decimalStyle("1.234")).toBeUndefined();
    expect(decimalStyle("1,234")).toBeUndefined();
    expect(decimalStyle("95,73%")).toBe("id");
  });
});
