import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { KNOWN_ERROR_DEFS, buildSampleWorkbook, knownErrors, sampleModel, sampleWorkbookBytes } from "../samples/build.js";
import type { KnownError, ModelCell, SampleOptions } from "../samples/build.js";
import { SheetGrid, parseA1 } from "../src/core/snapshot.js";
import type { CellSnapshot, WorkbookSnapshot } from "../src/core/snapshot.js";
import { readXlsx } from "../src/io/xlsx.js";

const SAMPLE_PATH = fileURLToPath(new URL("../samples/lkjip-ntt-2025.xlsx", import.meta.url));
const KNOWN_ERRORS_PATH = fileURLToPath(new URL("../samples/known-errors.json", import.meta.url));

async function snapshotOf(opts: SampleOptions): Promise<WorkbookSnapshot> {
  const wb = buildSampleWorkbook(opts);
  const buf = await wb.xlsx.writeBuffer();
  return readXlsx(new Uint8Array(buf as ArrayBuffer), "sample.xlsx");
}

function cellAt(snap: WorkbookSnapshot, sheet: string, address: string): CellSnapshot | undefined {
  const s = snap.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet "${sheet}"`);
  const p = parseA1(address);
  if (!p) throw new Error(`bad address ${address}`);
  return new SheetGrid(s).get(p.row, p.col);
}

function allCells(snap: WorkbookSnapshot): (CellSnapshot & { sheet: string })[] {
  return snap.sheets.flatMap((s) => s.cells.map((c) => ({ ...c, sheet: s.name })));
}


/** Evaluate an A1 formula against a snapshot (the few functions the sample uses). */
function evalA1(snap: WorkbookSnapshot, sheet: string, formula: string): number | string | boolean | null {
  const toks = formula.match(/'(?:[^']|'')+'![A-Z]+\d+(?::[A-Z]+\d+)?|[A-Za-z][A-Za-z ]*![A-Z]+\d+(?::[A-Z]+\d+)?|[A-Z]+\d+(?::[A-Z]+\d+)?|\d+(?:\.\d+)?|[A-Z]+(?=\()|<>|<=|>=|[-+*/(),=<>]/g) ?? [];
  let i = 0;
  const cells = (tok: string): (number | string | boolean | null)[] => {
    let sh = sheet;
    let body = tok;
    const bang = tok.lastIndexOf("!");
    if (bang >= 0) {
      sh = tok.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'");
      body = tok.slice(bang + 1);
    }
    const [a, b] = body.split(":");
    const p = parseA1(a!)!;
    const q = b ? parseA1(b)! : p;
    const out: (number | string | boolean | null)[] = [];
    for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(cellAt(snap, sh, `${String.fromCharCode(64 + c)}${r}`)?.value ?? null);
    return out;
  };
  type V = number | string | boolean | null | (number | string | boolean | null)[];
  const num = (v: V): number => {
    const x = Array.isArray(v) ? v[0] : v;
    if (typeof x === "number") return x;
    if (x === null || x === undefined) return 0;
    throw new Error(`not a number: ${String(x)} in ${formula}`);
  };
  const primary = (): V => {
    const t = toks[i++]!;
    if (t === "(") {
      const v = cmp();
      i++;
      return v;
    }
    if (t === "-") return -num(primary());
    if (/^\d/.test(t)) return Number(t);
    if (/^[A-Z]+$/.test(t) && toks[i] === "(") {
      i++;
      const args: V[] = [];
      while (toks[i] !== ")") {
        args.push(cmp());
        if (toks[i] === ",") i++;
      }
      i++;
      const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
      const nums = flat.filter((x): x is number => typeof x === "number");
      if (t === "SUM") return nums.reduce((a, b) => a + b, 0);
      if (t === "AVERAGE") return nums.reduce((a, b) => a + b, 0) / nums.length;
      if (t === "MAX") return Math.max(...nums);
      if (t === "MIN") return Math.min(...nums);
      if (t === "IF") return (Array.isArray(args[0]) ? args[0][0] : args[0]) ? (args[1] ?? 0) : (args[2] ?? false);
      throw new Error(`function ${t}`);
    }
    return cells(t);
  };
  const term = (): V => {
    let v = primary();
    while (toks[i] === "*" || toks[i] === "/") {
      const op = toks[i++];
      const b = num(primary());
      v = op === "*" ? num(v) * b : num(v) / b;
    }
    return v;
  };
  const add = (): V => {
    let v = term();
    while (toks[i] === "+" || toks[i] === "-") {
      const op = toks[i++];
      const b = num(term());
      v = op === "+" ? num(v) + b : num(v) - b;
    }
    return v;
  };
  const cmp = (): V => {
    const v = add();
    if (toks[i] === "=") {
      i++;
      return num(v) === num(add());
    }
    return v;
  };
  const v = cmp();
  if (i !== toks.length) throw new Error(`could not evaluate ${formula}`);
  return Array.isArray(v) ? (v.length === 1 ? (v[0] ?? null) : null) : v;
}

const STANDARD_SHEETS = [
  "PK 2025-2026",
  "Tabel 3 Capaian",
  "Layanan Dokpri",
  "Layanan Izin Tinggal",
  "IKK Layanan",
  "Gakum Data",
  "Perhitungan Gakum",
  "Anggaran",
  "IKPA",
  "Data Lain",
];

describe("sample workbook, standard layout, as the report states it", () => {
  let snap: WorkbookSnapshot;
  const v = (sheet: string, a: string) => cellAt(snap, sheet, a)?.value;
  const c = (sheet: string, a: string) => cellAt(snap, sheet, a);
  beforeAll(async () => {
    snap = await snapshotOf({ layout: "standard" });
  });

  it("has the ten sheets in order and reads cleanly", () => {
    expect(snap.sheets.map((s) => s.name)).toEqual(STANDARD_SHEETS);
    expect(snap.unreadable ?? []).toEqual([]);
  });

  it("Perjanjian Kinerja targets and budget", () => {
    const s = "PK 2025-2026";
    expect([v(s, "E3"), v(s, "F3"), v(s, "E4"), v(s, "F4"), v(s, "E5"), v(s, "F5"), v(s, "E6"), v(s, "F6")]).toEqual([
      91, 92.2, 90.8, 91.53, 100, 100, 3.51, 3.52,
    ]);
    expect(v(s, "D5")).toBe("%");
    expect(c(s, "B14")).toMatchObject({ formula: "SUM(B10:B13)", value: 74335035000, numberFormat: "#,##0" });
    expect(c(s, "C14")).toMatchObject({ value: 123208140000 });
  });

  it("Tabel 3 keeps the report's typed results and the swapped budget row", () => {
    const s = "Tabel 3 Capaian";
    expect(v(s, "A1")).toBe("Tabel 3: Matriks Capaian Kinerja Kantor Wilayah Direktorat Jenderal NTT");
    expect(c(s, "D3")).toEqual({ row: 3, col: 4, value: 101.2, numberFormat: "#,##0.00" });
    expect(c(s, "E3")?.value).toBe(111.02);
    expect(c(s, "E3")?.formula).toBeUndefined();
    expect(v(s, "D4")).toBe(75);
    expect(c(s, "E4")?.formula).toBe("D4/C4*100");
    expect(c(s, "E4")?.value).toBeCloseTo(82.6, 2);
    expect(v(s, "B7")).toBe("Rata-rata capaian Sasaran Kegiatan III");
    expect(c(s, "E7")?.formula).toBe("AVERAGE(E3:E6)");
    expect(c(s, "E7")?.value).toBeCloseTo(99.15, 2);
    expect(c(s, "C8")).toMatchObject({ value: 5679617677, numberFormat: "#,##0" });
    expect(v(s, "D8")).toBe(5823371000);
    expect(v(s, "E8")).toBe(97.53);
  });

  it("Tabel 4, Tabel 5 and the K1 calculation", () => {
    const s = "Layanan Dokpri";
    expect(v(s, "A1")).toBe("Tabel 4: Layanan Dokumen Perjalanan Satuan Kerja di Wilayah NTT");
    expect([2, 3, 4, 5, 6, 7, 8].map((col) => cellAt(snap, s, `${String.fromCharCode(64 + col)}2`)?.value)).toEqual([
      "UPT",
      "Jenis Layanan",
      "Total Permohonan",
      "Terbit",
      "Ditolak",
      "Batal by system",
      "Jumlah Diselesaikan",
    ]);
    expect([v(s, "D3"), v(s, "E3"), v(s, "F3"), v(s, "G3")]).toEqual([12513, 11757, 33, 723]);
    expect(c(s, "H3")).toMatchObject({ formula: "SUM(E3:G3)", value: 12513 });
    expect(v(s, "B4")).toBeUndefined(); // UPT only on the first row
    expect([v(s, "D7"), v(s, "E7")]).toEqual([1608, 1608]);
    expect(v(s, "H7")).toBe(1710);
    expect([v(s, "D14"), v(s, "E18"), v(s, "F18")]).toEqual(["<=4 hari", 1483, 1480]);
    expect(v(s, "A23")).toBe("Perhitungan K1: Indeks kualitas layanan dokumen perjalanan");
    expect([v(s, "A24"), v(s, "B24"), v(s, "C24"), v(s, "D24"), v(s, "E24"), v(s, "F24")]).toEqual([
      "Komponen",
      "Pembilang",
      "Penyebut",
      "Nilai",
      "Bobot",
      "Nilai x Bobot",
    ]);
    expect([v(s, "B25"), v(s, "C25")]).toEqual([23382, 24677]);
    expect(c(s, "D25")?.formula).toBe("B25/C25*100");
    expect(c(s, "D25")?.value).toBeCloseTo(94.75, 2);
    expect(c(s, "E25")).toMatchObject({ value: 0.7, numberFormat: "0%" });
    expect(v(s, "F25")).toBe(66.32);
    expect(c(s, "C26")).toEqual({ row: 26, col: 3, value: "23.2547" });
    expect(c(s, "D26")).toMatchObject({ value: 99.99 });
    expect(c(s, "D26")?.formula).toBeUndefined();
    expect([v(s, "F26"), v(s, "D27")]).toEqual([29.99, 96.31]);
  });

  it("Tabel 6, the timing table and the K2 calculation", () => {
    const s = "Layanan Izin Tinggal";
    expect([v(s, "D3"), v(s, "E3"), v(s, "F3"), v(s, "G3")]).toEqual([723, 731, 14, 745]);
    expect([v(s, "D6"), v(s, "E6"), v(s, "D7"), v(s, "E7")]).toEqual([128, 173, 32, 33]);
    expect([v(s, "D26"), v(s, "D27")]).toEqual([18, 17]);
    expect([v(s, "A28"), v(s, "B28"), v(s, "E28"), v(s, "F28")]).toEqual([3, undefined, 341, 341]);
    expect(v(s, "B29")).toBe("Kanim Kelas II TPI Maumere");
    expect(v(s, "B30")).toBe("Kanim Kels II TPI Labuan Bajo");
    expect([v(s, "B35"), v(s, "C35"), v(s, "B36"), v(s, "C36")]).toEqual([1731, 1757, 1552, 1758]);
    expect(c(s, "F35")?.value).toBeCloseTo(68.96, 2);
    expect(c(s, "F36")?.value).toBeCloseTo(26.48, 2);
    expect(c(s, "D37")).toMatchObject({ value: 95.17 });
    expect(c(s, "D37")?.formula).toBeUndefined();
  });

  it("IKK Layanan X and capaian", () => {
    const s = "IKK Layanan";
    expect(c(s, "B3")).toMatchObject({ formula: "'Layanan Dokpri'!D27", value: 96.31 });
    expect(c(s, "B4")).toMatchObject({ formula: "'Layanan Izin Tinggal'!D37", value: 95.17 });
    expect([v(s, "D3"), v(s, "D4"), v(s, "B5")]).toEqual([48.15, 47.58, 95.73]);
    expect(c(s, "D9")?.value).toBeCloseTo(105.2, 2);
    expect(c(s, "D10")?.value).toBeCloseTo(100.56, 2);
    expect(c(s, "D11")?.value).toBeCloseTo(99.18, 2);
  });

  it("Gakum data tables", () => {
    const s = "Gakum Data";
    expect(c(s, "D37")).toMatchObject({ value: 675500000, numberFormat: "#,##0" });
    expect(v(s, "C37")).toBe("Pengenaan Biaya Beban");
    expect([v(s, "D41"), v(s, "D42")]).toEqual(["-", "-"]);
    expect(v(s, "A50")).toBe(6); // the report numbers Rudenim 6
    const batuCermin = allCells(snap).filter((x) => x.value === "Desa Batu Cermin Kab. Manggarai Barat");
    expect(batuCermin).toHaveLength(2);
    expect(c(s, "D88")).toMatchObject({ value: 45773, numberFormat: "dd-mmm-yy" }); // 26-Apr-25
    expect([v(s, "B84"), v(s, "C85"), v(s, "D85")]).toEqual(["Kanim Kelas II TPI Atambua", "-", "-"]);
    expect(v(s, "C91")).toBe("Paspor dan Izin Tinggal kepada Instansi yang ada di Kab. Manggarai Timur;");
    expect([v(s, "A91"), v(s, "D91")]).toEqual([undefined, undefined]);
    expect([v(s, "C104"), v(s, "C105"), v(s, "C106"), v(s, "C107")]).toEqual([4063, 402021, 435, "-"]);
    expect(v(s, "E103")).toBe("Total Penggunaan Autogate");
  });

  it("Perhitungan Gakum", () => {
    const s = "Perhitungan Gakum";
    expect([v(s, "E3"), v(s, "E4")]).toEqual([0.4, 0.7]);
    expect([v(s, "D3"), v(s, "D4")]).toEqual([0, 0]);
    expect(c(s, "D9")).toMatchObject({ formula: "B9/C9*100", value: 100 });
    expect(c(s, "D15")).toMatchObject({ formula: "SUM(F13:F14)", value: 70 });
    expect(c(s, "D19")?.value).toBeCloseTo(82.05, 2);
    expect(v(s, "G23")).toMatch(/^maks 100/);
    expect([v(s, "B32"), v(s, "B33")]).toEqual(["negatif", "negatif"]);
    expect(c(s, "E32")?.value).toBeCloseTo(86.77, 2);
    expect(v(s, "E33")).toBe(400);
    expect(v(s, "C34")).toBe(22);
    expect(c(s, "E35")?.value).toBeCloseTo(102.08, 2);
    expect([v(s, "B41"), v(s, "C41"), v(s, "D41")]).toEqual([0, 0, 0]);
    expect(v(s, "D42")).toBe(90);
    expect([v(s, "D50"), v(s, "B52")]).toEqual([10.2, 86.95]);
    expect(c(s, "D57")?.value).toBeCloseTo(93.48, 2);
    expect(c(s, "E68")?.value).toBeCloseTo(106.74, 2);
  });

  it("Anggaran: Tabel 16, pagu efektif, Tabel 17-19", () => {
    const s = "Anggaran";
    expect(c(s, "D5")).toMatchObject({ value: 0.7949, numberFormat: "0.00%" });
    expect(c(s, "C10")).toMatchObject({ formula: "C3+C5+C7", value: 5679617677 });
    expect(v(s, "D10")).toBe(0.891);
    expect(c(s, "B17")).toMatchObject({ formula: "B14-B15", value: 5823371000 });
    expect(c(s, "B19")?.value).toBeCloseTo(0.9753, 4);
    expect(v(s, "D22")).toBe("% 2024");
    expect([v(s, "D23"), v(s, "G23"), v(s, "G24"), v(s, "G25")]).toEqual(["-", "99.01", "77.83", "99.02"]);
    expect([v(s, "C26"), v(s, "D26"), v(s, "F26"), v(s, "G26")]).toEqual([3707965092, "99.53", 5679617633, "89.1"]);
    expect([v(s, "B35"), v(s, "B34"), v(s, "D37")]).toEqual([48485653000, 48485653000, 94.58]);
    expect([v(s, "E44"), v(s, "F44"), v(s, "G44")]).toEqual([66386458000, 56497658266, "85.10"]);
  });

  it("IKPA", () => {
    const s = "IKPA";
    expect([v(s, "B3"), v(s, "B4")]).toEqual(["-", 100]);
    expect([v(s, "F8"), v(s, "F9"), v(s, "G9")]).toEqual([0, 0, 97.94]);
    expect(c(s, "D14")?.value).toBeCloseTo(14.19, 2);
    expect(c(s, "B20")?.value).toBeCloseTo(85.32, 2);
    expect(c(s, "B21")).toMatchObject({ value: 0.9, numberFormat: "0%" });
    expect(c(s, "B23")?.value).toBeCloseTo(94.8, 2);
    expect([v(s, "B28"), v(s, "B33"), v(s, "B35")]).toEqual([10, 5, 100]);
  });

  it("Data Lain: Tabel 22-25", () => {
    const s = "Data Lain";
    expect([v(s, "D3"), v(s, "D4"), v(s, "D5")]).toEqual([2399, 8059, 2317]);
    expect(c(s, "G31")).toMatchObject({ formula: "SUM(C31:F31)", value: 492233 });
    expect([v(s, "C37"), v(s, "E37"), v(s, "G37")]).toEqual(["-", "-", 435]);
    expect([v(s, "B29"), v(s, "B30")]).toEqual(["Kanim Kelas I TPI Kupang", undefined]);
    expect([v(s, "C65"), v(s, "D65"), v(s, "D67"), v(s, "D74")]).toEqual(["Deportasi dan Usulan Penangkalan", 67, 69, "-"]);
  });
});

describe("sample workbook, variant layout", () => {
  let std: WorkbookSnapshot;
  let variant: WorkbookSnapshot;
  beforeAll(async () => {
    std = await snapshotOf({ layout: "standard" });
    variant = await snapshotOf({ layout: "variant" });
  });

  const numbers = (s: WorkbookSnapshot) =>
    allCells(s)
      .map((x) => x.value)
      .filter((x): x is number => typeof x === "number")
      .map((x) => Math.round(x * 1e9) / 1e9)
      .sort((a, b) => a - b);
  const texts = (s: WorkbookSnapshot) => new Set(allCells(s).map((x) => x.value).filter((x) => typeof x === "string"));

  it("uses other sheet names and reads cleanly", () => {
    expect(variant.unreadable ?? []).toEqual([]);
    const names = variant.sheets.map((s) => s.name);
    expect(names).toEqual(["Ringkasan Kinerja", "Data Layanan", "Hitung", "Penegakan Hukum", "Keuangan", "Perlintasan"]);
    for (const n of names) expect(STANDARD_SHEETS).not.toContain(n);
  });

  it("holds exactly the same numbers (values and cached results) as the standard layout", () => {
    expect(numbers(variant)).toEqual(numbers(std));
    const t = texts(variant);
    for (const s of ["23.2547", "99.01", "89.1", "85.10", "-", "Desa Batu Cermin Kab. Manggarai Barat", "negatif"]) expect(t.has(s)).toBe(true);
  });

  it("has real Excel tables and defined names", () => {
    const tables = variant.sheets.flatMap((s) => (s.tables ?? []).map((t) => ({ sheet: s.name, ...t })));
    expect(tables.map((t) => t.name).sort()).toEqual(["TblIKPA", "TblPerlintasan"]);
    const perlintasan = tables.find((t) => t.name === "TblPerlintasan")!;
    expect(perlintasan.sheet).toBe("Perlintasan");
    const names = (variant.definedNames ?? []).map((d) => d.name).sort();
    expect(names).toEqual(["DataPerlintasan", "NilaiIKPA", "PaguEfektif"]);
    const pagu = variant.definedNames!.find((d) => d.name === "PaguEfektif")!;
    const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)$/.exec(pagu.ref)!;
    expect(cellAt(variant, m[1]!, `${m[2]}${m[3]}`)?.value).toBe(5823371000);
  });

  it("uses header wording variants, reordered columns and tables starting in column C", () => {
    const t = texts(variant);
    for (const h of ["Jumlah Permohonan", "Diterbitkan", "Batal oleh Sistem", "Pagu", "%", "Realisasi Anggaran", "Nilai Tertimbang"]) {
      expect(t.has(h)).toBe(true);
    }
    for (const h of ["Total Permohonan", "Batal by system"]) expect(t.has(h)).toBe(false);
    // Tabel 4 has no title in the variant and starts in column C, Ditolak before Diterbitkan.
    expect(t.has("Tabel 4: Layanan Dokumen Perjalanan Satuan Kerja di Wilayah NTT")).toBe(false);
    const sheet = variant.sheets.find((s) => s.name === "Data Layanan")!;
    const header = sheet.cells.filter((x) => x.row === 1);
    expect(header[0]!.col).toBe(3);
    const col = (label: string) => header.find((x) => x.value === label)!.col;
    expect(col("Ditolak")).toBeLessThan(col("Diterbitkan"));
    // The Labuan Bajo row: completed = SUM of the three status columns, still 1.710.
    const grid = new SheetGrid(sheet);
    const lbj = sheet.cells.find((x) => x.value === "Kanim Kelas II TPI Labuan Bajo")!;
    const done = grid.get(lbj.row, col("Total Selesai"))!;
    expect(done.value).toBe(1710);
    expect(done.formula).toBe(`SUM(G${lbj.row}:I${lbj.row})`);
  });

  it("keeps formulas pointing at the moved cells", () => {
    const hitung = variant.sheets.find((s) => s.name === "Hitung")!;
    const d1 = hitung.cells.find((x) => typeof x.value === "number" && Math.abs(x.value - 94.7521984) < 1e-6)!;
    expect(d1.formula).toMatch(/^[A-Z]+\d+\/[A-Z]+\d+\*100$/);
    const [num, den] = d1.formula!.split("*")[0]!.split("/");
    expect(cellAt(variant, "Hitung", num!)?.value).toBe(23382);
    expect(cellAt(variant, "Hitung", den!)?.value).toBe(24677);
  });
});

describe("sample workbook, corrected", () => {
  let snap: WorkbookSnapshot;
  beforeAll(async () => {
    snap = await snapshotOf({ layout: "standard", corrected: true });
  });
  const model = () => sampleModel({ corrected: true });
  const get = (cells: ModelCell[], t: string, r: string, c: string) => cells.find((x) => x.table === t && x.row === r && x.col === c)?.value;

  it("fixes the typed-in mistakes", () => {
    expect(cellAt(snap, "Layanan Dokpri", "C26")).toMatchObject({ value: 23257, numberFormat: "#,##0" });
    expect(allCells(snap).some((x) => x.value === 675500000)).toBe(false);
    expect(allCells(snap).filter((x) => x.value === "Desa Batu Cermin Kab. Manggarai Barat")).toHaveLength(1);
    expect(allCells(snap).some((x) => typeof x.value === "string" && /^\d+\.\d+$/.test(x.value))).toBe(false);
    expect(allCells(snap).some((x) => x.value === "Kebijakan 0/0")).toBe(true);
    expect(allCells(snap).filter((x) => x.value === "nol")).toHaveLength(2);
    expect(cellAt(snap, "Perhitungan Gakum", "E4")?.value).toBe(0.6);
  });

  it("Tabel 3 equals the recomputed chapter III values, budget row unswapped", () => {
    const x = cellAt(snap, "IKK Layanan", "B5")!;
    expect(x.formula).toBe("SUM(D3:D4)");
    expect(cellAt(snap, "Tabel 3 Capaian", "D3")).toMatchObject({ formula: "'IKK Layanan'!B5", value: x.value });
    expect(cellAt(snap, "Tabel 3 Capaian", "C8")?.value).toBe(5823371000);
    expect(cellAt(snap, "Tabel 3 Capaian", "D8")?.value).toBe(5679617677);
    expect(cellAt(snap, "Tabel 3 Capaian", "E8")?.value).toBeCloseTo(97.53, 2);
  });

  it("is internally consistent", () => {
    const m = model();
    const cells = m.cells;
    const sum = (t: string, c: string, pred: (r: string) => boolean = () => true) =>
      cells.filter((x) => x.table === t && x.col === c && pred(x.row) && typeof x.value === "number").reduce((a, x) => a + (x.value as number), 0);
    const rowsOf = (t: string) => m.tables.find((x) => x.id === t)!.rows.map((r) => r.id);
    // Completed never above received.
    for (const t of ["t4", "t6"]) for (const r of rowsOf(t)) expect(get(cells, t, r, "selesai") as number).toBeLessThanOrEqual(get(cells, t, r, "total") as number);
    // Calculation inputs equal the data tables.
    expect(get(cells, "k1l", "d1", "pembilang")).toBe(sum("t4", "selesai"));
    expect(get(cells, "k1l", "d1", "penyebut")).toBe(sum("t4", "total"));
    expect(get(cells, "k1l", "d2", "pembilang")).toBe(sum("t5", "tepat"));
    expect(get(cells, "k1l", "d2", "penyebut")).toBe(sum("t5", "syarat"));
    expect(get(cells, "k2l", "d1", "pembilang")).toBe(sum("t6", "selesai"));
    expect(get(cells, "k2l", "d1", "penyebut")).toBe(sum("t6", "total"));
    expect(get(cells, "k2l", "d2", "pembilang")).toBe(sum("t6w", "tepat"));
    expect(get(cells, "k2l", "d2", "penyebut")).toBe(sum("t6w", "syarat"));
    expect(get(cells, "i2", "i2", "pembilang")).toBe(sum("t9", "jumlah"));
    expect(get(cells, "kg5", "d4", "pembilang")).toBe(rowsOf("t10").length);
    expect(get(cells, "kg5", "d1", "pembilang")).toBe(cells.filter((x) => x.table === "t11" && x.col === "kegiatan" && x.value !== "-").length);
    expect(get(cells, "kg6", "d1", "penyebut")).toBe(sum("t23", "jumlah"));
    expect(get(cells, "kg6", "d1", "pembilang")).toBe(sum("t12", "periksa"));
    expect(get(cells, "kg6", "d3", "penyebut")).toBe(sum("t23", "jumlah"));
    // Tabel 12 per office equals Tabel 23's per-office sums.
    for (const [t12row, prefix] of [
      ["kup", "kup_"],
      ["ata", "ata_"],
      ["lbj", "lbj_"],
      ["mau", "mau_"],
    ] as const) {
      expect(get(cells, "t12", t12row, "periksa")).toBe(sum("t23", "jumlah", (r) => r.startsWith(prefix)));
    }
    // Tabel 22 per office equals Tabel 4's passport rows.
    const issued = (prefix: string) =>
      sum("t22", "jumlah", (r) => r.startsWith(prefix) && !/^Penolakan|^Pembatalan/.test(String(get(cells, "t22", r, "layanan"))));
    for (const p of ["kup", "ata", "lbj", "mau"]) expect(issued(`${p}_`)).toBe(get(cells, "t4", `${p}_psp`, "terbit"));
    // Tabel 25 per office equals Tabel 9 per office; K2 numerator equals Tabel 24.
    for (const p of ["kup", "ata", "mau", "lbj"]) expect(sum("t25", "jumlah", (r) => r.startsWith(`${p}_`))).toBe(sum("t9", "jumlah", (r) => r.startsWith(`${p}_`)));
    expect(get(cells, "kg2", "k2", "pembilang")).toBe(sum("t24", "jumlah"));
    // Totals and budget tables agree.
    expect(get(cells, "t17", "jumlah", "r25")).toBe(get(cells, "t16", "total", "realisasi"));
    expect(get(cells, "t17", "jumlah", "r24")).toBe(sum("t17", "r24", (r) => r !== "jumlah"));
    expect(get(cells, "t19", "jumlah", "p25")).toBe(get(cells, "t18", "total", "anggaran"));
    expect(get(cells, "t19", "jumlah", "r25")).toBe(get(cells, "t18", "total", "realisasi"));
    expect(get(cells, "t18", "p3", "anggaran")).toBe((get(cells, "t18", "c3a", "anggaran") as number) + (get(cells, "t18", "c3b", "anggaran") as number));
    expect(get(cells, "t21", "y2025", "tagihan")).toBe(get(cells, "omspan", "tagihan", "nilai"));
    // Weights sum to 100%.
    for (const [t, rows] of [
      ["i1", ["d1", "d2"]],
      ["kg5", ["d1", "d2", "d3", "d4"]],
      ["kg6", ["d1", "d2", "d3"]],
      ["xg", ["k1", "k2", "k3", "k4", "k5", "k6"]],
    ] as const) {
      expect(rows.reduce((a, r) => a + (get(cells, t, r, "bobot") as number), 0)).toBeCloseTo(1, 12);
    }
    // Every stated result is a formula or equals its recomputation at the printed precision.
    expect(get(cells, "t3", "l", "realisasi")).toBe(get(cells, "xl", "x", "nilai"));
    expect(get(cells, "t3", "g", "realisasi")).toBe(get(cells, "xg", "x", "nilai"));
  });
});

describe("known errors", () => {
  let uncorrected: WorkbookSnapshot;
  beforeAll(async () => {
    uncorrected = await snapshotOf({ layout: "standard" });
  });

  it("samples/known-errors.json is what the builder lists", () => {
    const committed = JSON.parse(readFileSync(KNOWN_ERRORS_PATH, "utf8")) as KnownError[];
    expect(committed).toEqual(knownErrors());
    expect(committed.length).toBe(KNOWN_ERROR_DEFS.length);
    expect(committed.length).toBeGreaterThanOrEqual(70);
  });

  it("every entry points at a cell of the uncorrected workbook", () => {
    const kinds = new Set([
      "digit-grouping",
      "recompute",
      "weights",
      "totals",
      "ratios",
      "cross-table",
      "duplicates",
      "units",
      "polarity",
      "swapped-columns",
      "text-number",
    ]);
    for (const e of knownErrors()) {
      expect(kinds.has(e.kind), e.kind).toBe(true);
      expect(STANDARD_SHEETS).toContain(e.sheet);
      expect(e.what_id.length).toBeGreaterThan(10);
      expect(e.what_en.length).toBeGreaterThan(10);
      const here = cellAt(uncorrected, e.sheet, e.cell);
      const related = (e.also ?? []).filter((a) => !a.includes("!")).map((a) => cellAt(uncorrected, e.sheet, a));
      expect(here !== undefined || related.some((x) => x !== undefined), `${e.sheet}!${e.cell}`).toBe(true);
    }
  });

  it("covers every deliberate difference between the corrected and the uncorrected data", () => {
    const u = sampleModel({ corrected: false });
    const c = sampleModel({ corrected: true });
    const key = (x: { table: string; row: string; col: string }) => `${x.table}|${x.row}|${x.col}`;
    const um = new Map(u.cells.map((x) => [key(x), x]));
    const cm = new Map(c.cells.map((x) => [key(x), x]));
    const same = (a: ModelCell, b: ModelCell) => {
      if (a.kind === "formula" && b.kind === "formula" && a.template === b.template) return true; // derived change only
      if (typeof a.value === "number" && typeof b.value === "number") return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
      return a.value === b.value;
    };
    const changed: string[] = [];
    for (const k of new Set([...um.keys(), ...cm.keys()])) {
      const a = um.get(k);
      const b = cm.get(k);
      if (!a || !b || !same(a, b)) changed.push(k);
    }
    const covered = (k: string) => {
      const [t, r, col] = k.split("|");
      return KNOWN_ERROR_DEFS.some((d) =>
        [d.at, ...(d.also ?? [])].some((ref) => ref.t === t && ref.r === r && (ref.c === undefined || ref.c === col)),
      );
    };
    expect(changed.filter((k) => !covered(k))).toEqual([]);
    expect(changed.length).toBeGreaterThan(70);
  });
});

describe("formulas in every build", () => {
  it.each([
    { layout: "standard", corrected: false },
    { layout: "variant", corrected: false },
    { layout: "standard", corrected: true },
    { layout: "variant", corrected: true },
  ] as const)("recompute to their cached results from the cells they point at ($layout, corrected $corrected)", async (opts) => {
    const snap = await snapshotOf(opts);
    let n = 0;
    for (const sheet of snap.sheets)
      for (const c of sheet.cells) {
        if (!c.formula) continue;
        n++;
        const got = evalA1(snap, sheet.name, c.formula);
        expect(typeof got === "number" ? got : Number.NaN, `${sheet.name}!${c.formula}`).toBeCloseTo(c.value as number, 9);
      }
    expect(n).toBeGreaterThan(opts.corrected ? 150 : 110);
  });
});

describe("committed samples/lkjip-ntt-2025.xlsx", () => {
  it("has the same cells as a fresh build", async () => {
    const committed = await readXlsx(new Uint8Array(readFileSync(SAMPLE_PATH)), "sample.xlsx");
    const fresh = await snapshotOf({ layout: "standard" });
    expect(committed.sheets).toEqual(fresh.sheets);
    expect(committed.definedNames).toEqual(fresh.definedNames);
  });

  it("is byte-for-byte what samples/generate.ts writes", async () => {
    const bytes = await sampleWorkbookBytes({ layout: "standard" });
    expect(Buffer.from(bytes).equals(readFileSync(SAMPLE_PATH))).toBe(true);
  });
});
