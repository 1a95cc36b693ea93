/**
 * The bundled sample workbook: the 2025 LKjIP of Kanwil Ditjen Imigrasi NTT transcribed into Excel
 * the way staff would type it, errors included.
 *
 * The data are defined once, as logical tables (rows and columns with ids). A layout places them
 * on sheets; formulas are written as templates whose references (`{col}`, `{col@row}`,
 * `{table!col@a..b}`) are rendered to A1 for the chosen layout and evaluated on the logical model
 * to give each formula its cached result (exceljs never calculates). So the "standard" and the
 * "variant" layouts hold exactly the same values at different addresses, and `corrected: true`
 * gives the same workbook with every inconsistency fixed. The deliberate differences between the
 * corrected and the uncorrected data are listed in `knownErrors()` (written to
 * samples/known-errors.json by samples/generate.ts).
 */
import ExcelJS from "exceljs";
import { a1, columnLetters } from "../src/core/snapshot.js";

export type SampleLayout = "standard" | "variant";

export interface SampleOptions {
  layout?: SampleLayout;
  corrected?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Cell specs

/** A formula template; `fmt` overrides the column's number format. */
export class F {
  constructor(
    readonly f: string,
    readonly fmt?: string,
  ) {}
}

/** A number with its own number format. */
export class N {
  constructor(
    readonly v: number,
    readonly fmt: string,
  ) {}
}

export type CellSpec = number | string | Date | null | undefined | F | N;

export interface ColDef {
  key: string;
  /** Header in the standard layout (the report's words). */
  h: string;
  /** Header wording used by the variant layout. */
  vh?: string;
  fmt?: string;
  width?: number;
}

export interface RowDef {
  id: string;
  v: Record<string, CellSpec>;
}

export interface TableDef {
  id: string;
  /** Short name used in known-errors.json, e.g. "Tabel 4". */
  label: string;
  title: string;
  cols: ColDef[];
  rows: RowDef[];
}

const INT = "#,##0";
const DEC = "#,##0.00";
const PCT = "0.00%";
const W = "0%";
const DATE = "dd-mmm-yy";

const f = (t: string, fmt?: string) => new F(t, fmt);
const n = (v: number, fmt: string) => new N(v, fmt);
const d = (y: number, m: number, day: number) => new Date(Date.UTC(y, m - 1, day));

function table(id: string, label: string, title: string, cols: ColDef[], rows: (readonly [string, ...CellSpec[]] | false)[]): TableDef {
  const defs: RowDef[] = [];
  for (const r of rows) {
    if (!r) continue;
    const [rid, ...vals] = r;
    const v: Record<string, CellSpec> = {};
    cols.forEach((c, i) => {
      const x = vals[i];
      if (x !== undefined && x !== null && x !== "") v[c.key] = x;
    });
    defs.push({ id: rid, v });
  }
  return { id, label, title, cols, rows: defs };
}

// UPT names as the report writes them.
const KUPANG = "Kanim Kelas I TPI Kupang";
const ATAMBUA = "Kanim Kelas II TPI Atambua";
const LABUAN = "Kanim Kelas II TPI Labuan Bajo";
const LABUAN_KELS = "Kanim Kels II TPI Labuan Bajo";
const MAUMERE = "Kanim Kelas II TPI Maumere";
const KANWIL = "Kantor Wilayah Direktorat Jenderal Imigrasi NTT";
const RUDENIM = "Rumah Detensi Imigrasi Kupang";

const SK1 = "I. Meningkatnya Layanan Keimigrasian di Kewilayahan";
const SK2 = "II. Optimalnya penegakan hukum Keimigrasian di kewilayahan";
const SK3 = "III. Meningkatnya Pelayanan Reformasi Birokrasi di Lingkup UPT Imigrasi";
const IKK_L = "Indeks Kualitas Layanan Keimigrasian di Wilayah";
const IKK_G = "Indeks Penegakan Hukum Keimigrasian di Wilayah";
const IKK_RB = "Persentase Pelaksanaan Rencana Aksi Reformasi Birokrasi di Lingkup UPT Imigrasi";
const IKK_KP = "Indeks Kepuasan Unit Kerja Lingkup UPT Imigrasi terhadap Layanan Kesekretariatan di UPT Masing-Masing";

// Column sets shared by several tables.
function calcCols(extra: ColDef[] = [], polarity = false): ColDef[] {
  return [
    { key: "komponen", h: "Komponen", vh: "Komponen", width: 16 },
    ...(polarity ? [{ key: "polaritas", h: "Polaritas", vh: "Polaritas", width: 12 }] : []),
    { key: "pembilang", h: "Pembilang", vh: "Pembilang (a)", fmt: INT, width: 14 },
    { key: "penyebut", h: "Penyebut", vh: "Penyebut (b)", fmt: INT, width: 14 },
    { key: "nilai", h: "Nilai", vh: "Nilai (a/b x 100)", fmt: DEC, width: 12 },
    { key: "bobot", h: "Bobot", vh: "Bobot", fmt: W, width: 10 },
    { key: "nxb", h: "Nilai x Bobot", vh: "Nilai Tertimbang", fmt: DEC, width: 14 },
    ...extra,
  ];
}

const KEBIJAKAN: ColDef = { key: "kebijakan", h: "Kebijakan 0/0", vh: "Kebijakan 0/0", width: 14 };

const xCols: ColDef[] = [
  { key: "komponen", h: "Komponen", vh: "Komponen", width: 60 },
  { key: "nilai", h: "Nilai (Ki)", vh: "Nilai", fmt: DEC, width: 12 },
  { key: "bobot", h: "Bobot (Wi)", vh: "Bobot", fmt: W, width: 12 },
  { key: "kxw", h: "Ki x Wi", vh: "Nilai Tertimbang", fmt: DEC, width: 12 },
];

const capCols: ColDef[] = [
  { key: "uraian", h: "Uraian", vh: "Perbandingan", width: 40 },
  { key: "realisasi", h: "Realisasi", vh: "Realisasi", fmt: DEC, width: 12 },
  { key: "target", h: "Target", vh: "Target", fmt: DEC, width: 12 },
  { key: "capaian", h: "Capaian", vh: "% Capaian", fmt: DEC, width: 12 },
];

const NIL = "{pembilang}/{penyebut}*100";
const NXB = "{nilai}*{bobot}";

/** All logical tables, uncorrected (as the report states) or corrected. */
export function sampleTables(corrected = false): TableDef[] {
  const c = corrected;
  const T: TableDef[] = [];

  // ---- Perjanjian Kinerja ---------------------------------------------------------------------
  T.push(
    table(
      "pk",
      "Perjanjian Kinerja",
      "Perjanjian Kinerja Tahun 2025 dan 2026: Sasaran, Indikator dan Target",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "sasaran", h: "Sasaran Kegiatan", vh: "Sasaran Kegiatan", width: 50 },
        { key: "indikator", h: "Indikator Kinerja Kegiatan", vh: "Indikator Kinerja", width: 60 },
        { key: "satuan", h: "Satuan", vh: "Satuan", width: 9 },
        { key: "t2025", h: "Target 2025", vh: "Target PK 2025", fmt: DEC, width: 12 },
        { key: "t2026", h: "Target 2026", vh: "Target PK 2026", fmt: DEC, width: 12 },
      ],
      [
        ["l", 1, SK1, IKK_L, "Indeks", 91, 92.2],
        ["g", 2, SK2, IKK_G, "Indeks", 90.8, 91.53],
        ["rb", 3, SK3, `1. ${IKK_RB}`, "%", 100, 100],
        ["kp", null, null, `2. ${IKK_KP}`, "Indeks", 3.51, 3.52],
      ],
    ),
  );
  T.push(
    table(
      "pk_anggaran",
      "Perjanjian Kinerja (anggaran)",
      "Perjanjian Kinerja: Anggaran Kegiatan",
      [
        { key: "kegiatan", h: "Kegiatan", vh: "Kegiatan", width: 60 },
        { key: "a2025", h: "Anggaran 2025", vh: "Pagu 2025", fmt: INT, width: 18 },
        { key: "a2026", h: "Anggaran 2026", vh: "Pagu 2026", fmt: INT, width: 18 },
      ],
      [
        ["p1", "Program Penegakan dan Pelayanan Hukum"],
        ["k1", "Penyelenggaraan Fungsi Pengkoordinasian, Pelayanan dan Penegakan Hukum Keimigrasian di Wilayah", 16948100000, 22051295000],
        ["p2", "Program Dukungan Manajemen"],
        ["k2", "Dukungan Manajemen dan Teknis Lainnya di Wilayah", 57386935000, 101156845000],
        ["total", "Total", f("SUM({a2025@p1..k2})"), f("SUM({a2026@p1..k2})")],
      ],
    ),
  );

  // ---- Tabel 3 ---------------------------------------------------------------------------------
  T.push(
    table(
      "t3",
      "Tabel 3",
      "Tabel 3: Matriks Capaian Kinerja Kantor Wilayah Direktorat Jenderal NTT",
      [
        { key: "sasaran", h: "Sasaran Kegiatan", vh: "Sasaran Kegiatan", width: 50 },
        { key: "indikator", h: "Indikator Kinerja Kegiatan", vh: "Indikator Kinerja Kegiatan", width: 60 },
        { key: "target", h: "Target", vh: "Target 2025", fmt: DEC, width: 18 },
        { key: "realisasi", h: "Realisasi", vh: "Realisasi 2025", fmt: DEC, width: 18 },
        { key: "capaian", h: "Capaian (%)", vh: "% Capaian", fmt: DEC, width: 12 },
      ],
      [
        ["l", SK1, IKK_L, 91, c ? f("{xl!nilai@x}") : 101.2, c ? f("{realisasi}/{target}*100") : 111.02],
        ["g", SK2, IKK_G, 90.8, c ? f("{xg!nilai@x}") : 75, f("{realisasi}/{target}*100")],
        ["rb", SK3, `3. ${IKK_RB}`, 100, 95, f("{realisasi}/{target}*100")],
        ["kp", null, `4. ${IKK_KP}`, 3.51, 3.79, f("{realisasi}/{target}*100")],
        [
          "avg",
          c ? "Rata-rata capaian seluruh Sasaran Kegiatan" : null,
          c ? null : "Rata-rata capaian Sasaran Kegiatan III",
          null,
          null,
          f("AVERAGE({capaian@l..kp})"),
        ],
        [
          "ang",
          "Anggaran",
          null,
          c ? f("{pagu!jumlah@efektif}", INT) : n(5679617677, INT),
          c ? f("{pagu!jumlah@realisasi}", INT) : n(5823371000, INT),
          c ? f("{realisasi}/{target}*100") : 97.53,
        ],
      ],
    ),
  );

  // ---- Layanan dokumen perjalanan: Tabel 4, Tabel 5, K1 -----------------------------------------
  const t4cols: ColDef[] = [
    { key: "no", h: "No", vh: "No.", width: 5 },
    { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
    { key: "jenis", h: "Jenis Layanan", vh: "Jenis Layanan", width: 20 },
    { key: "total", h: "Total Permohonan", vh: "Jumlah Permohonan", fmt: INT, width: 14 },
    { key: "terbit", h: "Terbit", vh: "Diterbitkan", fmt: INT, width: 12 },
    { key: "ditolak", h: "Ditolak", vh: "Ditolak", fmt: INT, width: 12 },
    { key: "batal", h: "Batal by system", vh: "Batal oleh Sistem", fmt: INT, width: 14 },
    { key: "selesai", h: "Jumlah Diselesaikan", vh: "Total Selesai", fmt: INT, width: 14 },
  ];
  const S4 = f("SUM({terbit,ditolak,batal})");
  T.push(
    table("t4", "Tabel 4", "Tabel 4: Layanan Dokumen Perjalanan Satuan Kerja di Wilayah NTT", t4cols, [
      ["kup_psp", 1, KUPANG, "Paspor", 12513, 11757, 33, 723, S4],
      ["kup_plb", null, null, "Pos Lintas Batas", 0, 0, null, null, S4],
      ["ata_psp", 2, ATAMBUA, "Paspor", 8292, 7855, 0, 437, S4],
      ["ata_plb", null, null, "Pos Lintas Batas", 730, 730, null, null, S4],
      ["lbj_psp", 3, LABUAN, "Paspor", 1608, c ? 1483 : 1608, 18, 84, S4],
      ["lbj_plb", null, null, "Pos Lintas Batas", 0, 0, null, null, S4],
      ["mau_psp", 4, MAUMERE, "Paspor", 1432, 1432, 0, 0, S4],
      ["mau_plb", null, null, "Pos Lintas Batas", 0, 0, null, null, S4],
    ]),
  );
  const t5cols: ColDef[] = [
    { key: "no", h: "No", vh: "No.", width: 5 },
    { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
    { key: "jenis", h: "Jenis Layanan", vh: "Jenis Layanan", width: 20 },
    { key: "sop", h: "Lama Pelayanan (SOP)", vh: "Waktu Layanan (SOP)", width: 14 },
    { key: "syarat", h: "Total Permohonan Sesuai Syarat", vh: "Permohonan Sesuai Persyaratan", fmt: INT, width: 16 },
    { key: "tepat", h: "Total Layanan Tepat Waktu", vh: "Selesai Tepat Waktu", fmt: INT, width: 16 },
  ];
  T.push(
    table("t5", "Tabel 5", "Tabel 5: Layanan Dokumen Perjalanan Satuan Kerja di Wilayah NTT Berdasarkan Waktu Pelayanan", t5cols, [
      ["kup_psp", 1, KUPANG, "Paspor", "<=4 hari", 11757, 11757],
      ["kup_plb", null, null, "Pos Lintas Batas", 0, 0, 0],
      ["ata_psp", 2, ATAMBUA, "Paspor", "<=4 hari", 7855, 7855],
      ["ata_plb", null, null, "Pos Lintas Batas", 1, 730, 730],
      ["lbj_psp", 3, LABUAN, "Paspor", "<=4 hari", 1483, 1480],
      ["lbj_plb", null, null, "Pos Lintas Batas", 0, 0, 0],
      ["mau_psp", 4, MAUMERE, "Paspor", "<=4 hari", 1432, 1432],
      ["mau_plb", null, null, "Pos Lintas Batas", 0, 0, 0],
    ]),
  );
  T.push(
    table("k1l", "Perhitungan K1 (layanan)", "Perhitungan K1: Indeks kualitas layanan dokumen perjalanan", calcCols(), [
      ["d1", "D1", c ? 24552 : 23382, c ? 24575 : 24677, f(NIL), 0.7, c ? f(NXB) : 66.32],
      ["d2", "D2", 23254, c ? 23257 : "23.2547", c ? f(NIL) : 99.99, 0.3, c ? f(NXB) : 29.99],
      ["k1", "K1", null, null, c ? f("SUM({nxb@d1..d2})") : 96.31],
    ]),
  );

  // ---- Layanan izin tinggal: Tabel 6, waktu, K2 --------------------------------------------------
  const t6cols: ColDef[] = [
    { key: "no", h: "No", vh: "No.", width: 5 },
    { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
    { key: "jenis", h: "Jenis Layanan", vh: "Jenis Layanan", width: 26 },
    { key: "total", h: "Total Permohonan", vh: "Jumlah Permohonan", fmt: INT, width: 14 },
    { key: "terbit", h: "Terbit", vh: "Diterbitkan", fmt: INT, width: 12 },
    { key: "ditolak", h: "Ditolak", vh: "Ditolak", fmt: INT, width: 12 },
    { key: "selesai", h: "Jumlah Diselesaikan", vh: "Total Selesai", fmt: INT, width: 14 },
  ];
  const S6 = f("SUM({terbit,ditolak})");
  T.push(
    table("t6", "Tabel 6", "Tabel 6: Layanan Izin Tinggal Satuan Kerja di Wilayah NTT", t6cols, [
      ["kup_itk", 1, KUPANG, "Perpanjangan ITK", c ? 745 : 723, 731, 14, S6],
      ["kup_itas_itap", null, null, "Alih Status ITAS ke ITAP", 5, 5, 0, S6],
      ["kup_itk_itas", null, null, "Alih Status ITK ke ITAS", 15, 15, 0, S6],
      ["kup_itas", null, null, "Perpanjangan ITAS", c ? 173 : 128, 173, 0, S6],
      ["kup_itap", null, null, "Perpanjangan ITAP", c ? 33 : 32, 33, 0, S6],
      ["kup_epo", null, null, "EPO", 42, 41, 1, S6],
      ["kup_cd", null, null, "Change data", 80, 69, 11, S6],
      ["ata_itk", 2, ATAMBUA, "Perpanjangan ITK", 18, 18, 0, S6],
      ["ata_alih", null, null, "Alih Status ITAS ke ITAP", 17, 17, 0, S6],
      ["lbj_itk", 3, LABUAN, "Perpanjangan ITK", 314, 314, 0, S6],
      ["lbj_alih", null, null, "Alih Status ITAS ke ITAP", 1, 1, 0, S6],
      ["mau_itk", 4, MAUMERE, "Perpanjangan ITK", 314, 314, 0, S6],
      ["mau_alih", null, null, "Alih Status ITAS ke ITAP", 0, 0, 0, S6],
    ]),
  );
  T.push(
    table(
      "t6w",
      "Tabel 6 (waktu pelayanan)",
      "Layanan Izin Tinggal Satuan Kerja di Wilayah NTT Berdasarkan Waktu Pelayanan",
      t5cols,
      [
        ["kup_itk", 1, KUPANG, "Perpanjangan ITK", 3, 731, 597],
        ["kup_itap_itas", null, null, c ? "Alih status ITAS ke ITAP" : "Alih status ITAP ke ITAS", 5, 5, 5],
        ["kup_itk_itas", null, null, "Alih status ITK ke ITAS", 5, 15, 15],
        ["kup_itas", null, null, "Perpanjangan ITAS", 3, 173, 138],
        ["kup_itap", null, null, "Perpanjangan ITAP", 3, 33, 15],
        ["kup_epo", null, null, "EPO", 3, 41, 39],
        ["kup_cd", null, null, "Change Data", 3, 69, 53],
        ["ata_itk", 2, ATAMBUA, "Perpanjangan ITK", c ? 3 : 18, 18, 18],
        ["ata_alih", null, null, "Alih Status ITAs ke ITAP", c ? 5 : 17, 17, 17],
        ["mau_itk", 3, c ? MAUMERE : null, "Perpanjangan ITK", "3 hari", c ? 314 : 341, c ? 314 : 341],
        ["mau_alih", null, c ? null : MAUMERE, "Alih status ITAS ke ITAP", "-", "-", "-"],
        ["lbj_itk", 4, c ? LABUAN : LABUAN_KELS, "Perpanjangan ITK", "2 hari", 314, 314],
        ["lbj_alih", null, null, "Alih Status ITAs ke ITAP", "3 hari", 1, 0],
      ],
    ),
  );
  T.push(
    table("k2l", "Perhitungan K2 (layanan)", "Perhitungan K2: Indeks kualitas layanan izin tinggal dan status keimigrasian", calcCols(), [
      ["d1", "D1", c ? 1757 : 1731, 1757, f(NIL), 0.7, f(NXB)],
      ["d2", "D2", c ? 1525 : 1552, c ? 1731 : 1758, f(NIL), 0.3, f(NXB)],
      ["k2", "K2", null, null, c ? f("SUM({nxb@d1..d2})") : 95.17],
    ]),
  );

  // ---- IKK Layanan: X and capaian ------------------------------------------------------------------
  T.push(
    table("xl", "IKK Layanan (X)", "Indeks Kualitas Layanan Keimigrasian di Wilayah (X)", xCols, [
      ["k1", "Indeks kualitas layanan dokumen perjalanan (K1)", f("{k1l!nilai@k1}"), 0.5, c ? f("{nilai}*{bobot}") : 48.15],
      ["k2", "Indeks kualitas layanan izin tinggal dan status keimigrasian (K2)", f("{k2l!nilai@k2}"), 0.5, c ? f("{nilai}*{bobot}") : 47.58],
      ["x", "X: Indeks Kualitas Layanan Keimigrasian di Wilayah", c ? f("SUM({kxw@k1..k2})") : 95.73],
    ]),
  );
  T.push(
    table("xl_cap", "IKK Layanan (capaian)", "Analisis Capaian: Indeks Kualitas Layanan Keimigrasian di Wilayah", capCols, [
      ["target", "Capaian terhadap target", f("{xl!nilai@x}"), 91, f("{realisasi}/{target}*100")],
      ["rpjmn", "Capaian terhadap target RPJMN", f("{xl!nilai@x}"), 95.2, f("{realisasi}/{target}*100")],
      ["nasional", "Capaian terhadap standar nasional", f("{xl!nilai@x}"), 96.52, f("{realisasi}/{target}*100")],
    ]),
  );

  // ---- Gakum data: Tabel 8-12 ------------------------------------------------------------------------
  const tahap = ["Pra-Penyidikan", "SPDP", "P21", "SP3"];
  const t8rows: [string, ...CellSpec[]][] = [];
  (
    [
      ["kanwil", KANWIL],
      ["kup", KUPANG],
      ["mau", MAUMERE],
      ["ata", ATAMBUA],
      ["lbj", c ? LABUAN : LABUAN_KELS],
    ] as const
  ).forEach(([id, upt], i) => {
    tahap.forEach((t, j) => t8rows.push([`${id}_${j}`, j === 0 ? i + 1 : null, j === 0 ? upt : null, t, 0]));
  });
  T.push(
    table(
      "t8",
      "Tabel 8",
      "Tabel 8: Matriks Penyidikan Keimigrasian di Wilayah",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 44 },
        { key: "tahapan", h: "Tahapan", vh: "Tahap Penyidikan", width: 18 },
        { key: "jumlah", h: "Jumlah", vh: "Jumlah", fmt: INT, width: 10 },
      ],
      t8rows,
    ),
  );
  const TAK = {
    dep: "Deportasi",
    dup: "Deportasi dan Usulan Penangkalan",
    hrs: "Keharusan untuk bertempat tinggal di suatu tempat",
    pem: "Pembatasan,Perubahan,atau Pembatalan izin tinggal",
    pem2: "Pembatasan, Perubahan, atau Pembatalan izin tinggal",
    lar: "Larangan untuk berada di suatu atau beberapa tempat",
    bb: "Pengenaan Biaya Beban",
  };
  T.push(
    table(
      "t9",
      "Tabel 9",
      "Tabel 9: Matriks Pelaksanaan TAK di Wilayah",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "tak", h: "Tindakan Administratif Keimigrasian", vh: "Jenis TAK", width: 50 },
        { key: "jumlah", h: "Jumlah", vh: "Jumlah", fmt: INT, width: 14 },
      ],
      [
        ["kup_dep", 1, KUPANG, TAK.dep, 67],
        ["kup_dup", null, null, TAK.dup, 0],
        ["kup_hrs", null, null, TAK.hrs, 0],
        ["kup_pem", null, null, TAK.pem, 0],
        ["kup_lar", null, null, TAK.lar, 0],
        ["kup_bb", null, null, TAK.bb, 0],
        ["ata_dep", 2, ATAMBUA, TAK.dep, 67],
        ["ata_dup", null, null, TAK.dup, 58],
        ["ata_hrs", null, null, TAK.hrs, 67],
        ["ata_pem", null, null, TAK.pem, 0],
        ["ata_lar", null, null, TAK.lar, 0],
        !c && ["ata_bb", null, null, TAK.bb, 675500000],
        ["mau_dep", 3, MAUMERE, TAK.dep, 4],
        ["mau_dup", null, null, TAK.dup, 1],
        ["mau_hrs", null, null, TAK.hrs, 1],
        ["mau_pem", null, null, TAK.pem, "-"],
        ["mau_lar", null, null, TAK.lar, "-"],
        ["mau_bb", null, null, TAK.bb, "-"],
        ["lbj_dep", 4, LABUAN, TAK.dep, 2],
        ["lbj_dup", null, null, TAK.dup, "-"],
        ["lbj_hrs", null, null, TAK.hrs, "-"],
        ["lbj_pem", null, null, TAK.pem2, "-"],
        ["lbj_lar", null, null, TAK.lar, "-"],
        ["lbj_bb", null, null, TAK.bb, "-"],
        ["rud_dep", 6, RUDENIM, TAK.dep, 57],
        ["rud_dup", null, null, TAK.dup, 56],
        ["rud_hrs", null, null, TAK.hrs, 48],
      ],
    ),
  );
  const rote = "Kecamatan Rote Barat Daya, Kabupaten Rote Ndao Provinsi Nusa Tenggara Timur";
  T.push(
    table(
      "t10",
      "Tabel 10",
      "Tabel 10: Daftar Desa Binaan di Wilayah",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "desa", h: "Desa Binaan", vh: "Nama Desa Binaan", width: 60 },
        { key: "tahun", h: "Tahun Pembentukan", vh: "Tahun Dibentuk", width: 12 },
      ],
      [
        ["kup_1", 1, KUPANG, `Desa Batutua, ${rote}`, 2025],
        ["kup_2", null, null, `Desa Landu, ${rote}`, 2025],
        ["kup_3", null, null, `Desa Oebou, ${rote}`, 2025],
        ["kup_4", null, null, `Desa Oeseli, ${rote}`, 2025],
        ["kup_5", null, null, `Desa Dolasi, ${rote}`, 2025],
        ["ata_1", 2, ATAMBUA, "Desa Humusu", 2025],
        ["ata_2", null, null, "Desa Nainaban", 2025],
        ["ata_3", null, null, "Desa Haumeniana", 2025],
        ["lbj_1", 3, LABUAN, "Desa Batu Cermin Kab. Manggarai Barat", 2024],
        ["lbj_2", null, null, "Desa Wae Ri'i Kab. Manggarai", 2024],
        ["lbj_3", null, null, "Desa Lando Kab. Manggarai", 2025],
        ["lbj_4", null, null, "Desa Belang Turi Kab. Manggarai", 2025],
        ["lbj_5", null, null, "Desa Wae Ajang Kab. Manggarai", 2025],
        ["lbj_6", null, null, "Desa Papang Kab. Manggarai", 2025],
        ["lbj_7", null, null, "Desa Mukuvoka Kab. Ngada", 2025],
        ["lbj_8", null, null, "Desa Papagarang Kab. Manggarai Barat", 2025],
        ["lbj_9", null, null, "Desa Pasir Putih Kab. Manggarai Barat", 2025],
        !c && ["lbj_10", null, null, "Desa Batu Cermin Kab. Manggarai Barat", 2025],
        ["mau_1", 4, MAUMERE, "Desa Kalike Aimatean, Solor Selatan, Flores Timur", 2025],
        ["mau_2", null, null, "Kelurahan Kota Ratu, Kabupaten Ende", 2025],
        ["mau_3", null, null, "Kelurahan Rukun Lima, Kabupaten Ende", 2025],
      ],
    ),
  );
  const rakor4a =
    "Rapat Koordinasi Desa Binaan Imigrasi sekabupaten Manggarai Timur dan Manggarai: a. Sosialisasi kepada Rohaniawan tentang Optimalisasi Pelayanan Keimigrasian yaitu Paspor dan Izin Tinggal kepada Kab. Manggarai; b. Sosialisasi tentang Optimalisasi Pelayanan Keimigrasian yaitu";
  const rakor4b = "Paspor dan Izin Tinggal kepada Instansi yang ada di Kab. Manggarai Timur;";
  T.push(
    table(
      "t11",
      "Tabel 11",
      "Tabel 11: Kegiatan Sosialisasi di Wilayah NTT",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "kegiatan", h: "Kegiatan Sosialisasi", vh: "Kegiatan", width: 70 },
        { key: "tanggal", h: "Tanggal", vh: "Waktu Pelaksanaan", width: 24 },
      ],
      [
        ["kup_1", 1, KUPANG, "Sosialisasi Keimigrasian di Soe-TTS", "10 s/d 12 Maret 2025"],
        ["kup_2", null, null, "Sosialisasi Keimigrasian dan TPPO di Waingapu-Sumba Timur", "07 s/d 10 Maret 2025"],
        ["kup_3", null, null, "Sosialisasi Keimigrasian dan TPPO di Rote Ndao", "02 s/d 04 September 2025"],
        [
          "kup_4",
          null,
          null,
          "Sosialisasi melalui media papan reklame tentang TPPO dan APOA di 9 Kabupaten 1 Kota (wilayah kerja kanim kupang)",
          "September s/d November 2025",
        ],
        ["ata_1", 2, ATAMBUA, "-", "-"],
        ["ata_2", null, null, "-", "-"],
        ["ata_3", null, null, "-", "-"],
        ["lbj_1", 3, LABUAN, "Immigration Talk Universitas Kantolik St. Paulus Ruteng", "19 Maret 2025"],
        [
          "lbj_2",
          null,
          null,
          "Sosialisasi dan peninjauan Desa Binaan Imigrasi di Ruteng, Bersama para kepala desa dari Wae Ajang, Belang Turi, dan Lando",
          d(2025, 4, 26),
        ],
        [
          "lbj_3",
          null,
          null,
          "Rapat Koordinasi Desa Binaan Imigrasi sekabupaten Manggarai dan pembentukan desa Papang sebagai desa Binaan Imigrasi",
          "31 Mei -4 Juni 2025",
        ],
        ["lbj_4", null, null, c ? `${rakor4a} ${rakor4b}` : rakor4a, "7-10 Juli 2025"],
        !c && ["lbj_4b", null, null, rakor4b, null],
        ["lbj_5", null, null, "Sosialisasi Optimalisasi Kepatuhan Administrasi Keimigrasian di wilayah Kabupaten Manggarai Barat", d(2025, 9, 24)],
        ["lbj_6", null, null, "Sosialisasi TPPO dan Pemahaman Keimigrasian untuk Generasi Muda di Kabupaten Manggarai", "15 Oktober 2025"],
        [
          "lbj_7",
          null,
          null,
          "Sosialisasi Pencanaan Desa Binaan Imigrasi di Desa Pasir Putih dan Desa Papagarang, Kabupaten Manggarai Barat.",
          "31 Oktober 2025",
        ],
        [
          "lbj_8",
          null,
          null,
          "osialisasi Peningkatan Kesadaran Masyarakat Dalam Pencegahan TPPO melalui pemahaman Dokumen Resmi Keimigrasian yang sah.",
          "10 Desember 2025",
        ],
        ["lbj_9", null, null, "Kenali, Cegah dan Laporkan. Generasi Cerdas, Generasi Bebas dari Perdagangan Orang.", d(2025, 11, 5)],
        [
          "lbj_10",
          null,
          null,
          "Kopi Darat (Kopdar) bersama para insan pers dan media partner dengan tema 'Press Gathering: Imigrasi Hadir, Media Menguatkan Informasi' di wilayah Kabupaten Manggarai Barat",
          d(2025, 11, 25),
        ],
        ["mau_1", 4, MAUMERE, "Desa Kalike Aimatana, Solor Selatan, Flores Timur", "07 Mei 2025"],
        ["mau_2", null, null, "Kelurahan Kota Ratu, Kabupaten Ende", "02 Juni 2025"],
        ["mau_3", null, null, "Kelurahan Rukun Lima, Kabupaten Ende", "02 Juni 2025"],
      ],
    ),
  );
  T.push(
    table(
      "t12",
      "Tabel 12",
      "Tabel 12: Data Perlintasan di Wilayah NTT",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "periksa", h: "Jumlah Pemeriksaan", vh: "Jumlah Pemeriksaan Keimigrasian", fmt: INT, width: 16 },
        { key: "langgar", h: "Jumlah Pelanggaran Yang Di Temukan", vh: "Pelanggaran Ditemukan", fmt: INT, width: 16 },
        { key: "autogate", h: "Total Penggunaan Autogate", vh: "Pengguna Autogate", fmt: INT, width: 16 },
      ],
      [
        ["kup", 1, KUPANG, 4063, 1, 0],
        ["ata", 2, ATAMBUA, c ? 669118 : 402021, 0, 0],
        ["mau", 3, MAUMERE, 435, 0, 0],
        ["lbj", 4, LABUAN, c ? 91362 : "-", c ? 0 : "-", c ? 0 : "-"],
      ],
    ),
  );

  // ---- Perhitungan Gakum -------------------------------------------------------------------------
  const zeroPolicy = "IF({penyebut}=0,0,{pembilang}/{penyebut}*100)";
  T.push(
    table("i1", "Perhitungan I1 (gakum)", "Perhitungan I1: Indeks Penyidikan Keimigrasian", calcCols(c ? [KEBIJAKAN] : []), [
      ["d1", "D1", 0, 0, c ? f(zeroPolicy) : 0, 0.4, f(NXB), c ? "nol" : null],
      ["d2", "D2", 0, 0, c ? f(zeroPolicy) : 0, c ? 0.6 : 0.7, f(NXB), c ? "nol" : null],
      ["i1", "I1", null, null, f("SUM({nxb@d1..d2})")],
    ]),
  );
  T.push(
    table("i2", "Perhitungan I2 (gakum)", "Perhitungan I2: Persentase TAK", calcCols(), [["i2", "I2", 428, 428, f(NIL)]]),
  );
  T.push(
    table(
      "kg1",
      "Perhitungan K1 (gakum)",
      "Perhitungan K1: Indeks penegakan hukum yang ditangani (pro yustisia dan/atau TAK) di wilayah",
      calcCols(),
      [
        ["i1", "I1", null, null, f("{i1!nilai@i1}"), 0.3, f(NXB)],
        ["i2", "I2", null, null, f("{i2!nilai@i2}"), 0.7, f(NXB)],
        ["k1", "K1", null, null, f("SUM({nxb@i1..i2})")],
      ],
    ),
  );
  T.push(table("kg2", "Perhitungan K2 (gakum)", "Perhitungan K2: Persentase pengawasan keimigrasian", calcCols(), [["k2", "K2", c ? 299 : 192, 234, f(NIL)]]));
  T.push(
    table(
      "kg3",
      "Perhitungan K3 (gakum)",
      "Perhitungan K3: Persentase produk intelijen keimigrasian yang ditindaklanjuti di wilayah",
      calcCols([{ key: "catatan", h: "Catatan", vh: "Keterangan", width: 30 }]),
      [["k3", "K3", 219, 224, f(NIL), null, null, "maks 100 (bila lebih dari 100 tetap 100)"]],
    ),
  );
  T.push(
    table(
      "kg4",
      "Perhitungan K4 (gakum)",
      "Perhitungan K4: Persentase ketepatan waktu penyelesaian produk intelijen keimigrasian yang ditindaklanjuti di wilayah",
      calcCols(),
      [["k4", "K4", 197, 224, f(NIL)]],
    ),
  );
  const NEG = "MAX(0,(2-{pembilang}/{penyebut})*100)";
  T.push(
    table(
      "kg5",
      "Perhitungan K5 (gakum)",
      "Perhitungan K5: Tingkat kepatuhan masyarakat terhadap hukum keimigrasian melalui Desa Binaan di wilayah",
      calcCols([], true),
      [
        ["d1", "D1", "positif", 17, 25, f(NIL), 0.45, f(NXB)],
        ["d2", "D2", "negatif", 269, 310, f(c ? NEG : NIL), 0.05, f(NXB)],
        ["d3", "D3", "negatif", 4, 1, f(c ? NEG : NIL), 0.05, f(NXB)],
        ["d4", "D4", "positif", c ? 20 : 22, 21, f(NIL), 0.45, f(NXB)],
        ["k5", "K5", null, null, null, f("SUM({nxb@d1..d4})")],
      ],
    ),
  );
  T.push(
    table(
      "kg6",
      "Perhitungan K6 (gakum)",
      "Perhitungan K6: Indeks keamanan, dan pencegahan atas masuknya ancaman keimigrasian di wilayah",
      calcCols(),
      [
        ["d1", "D1", c ? 764978 : 406519, c ? 764978 : 406519, f(NIL), 0.6, f(NXB)],
        ["d2", "D2", 1, 1, f(NIL), 0.3, f(NXB)],
        ["d3", "D3", 0, c ? 764978 : 0, c ? f(NIL) : 0, 0.1, f(NXB)],
        ["k6", "K6", null, null, f("SUM({nxb@d1..d3})")],
      ],
    ),
  );
  T.push(
    table("xg", "IKK Gakum (X)", "Indeks Penegakan Hukum Keimigrasian di Wilayah (X)", xCols, [
      ["k1", "Indeks penegakan hukum yang ditangani (pro yustisia dan/ atau TAK) di wilayah (K1)", f("{kg1!nilai@k1}"), 0.2, f("{nilai}*{bobot}")],
      ["k2", "Persentase pengawasan keimigrasian (K2)", f("{kg2!nilai@k2}"), 0.2, f("{nilai}*{bobot}")],
      ["k3", "Persentase produk intelijen keimigrasian yang ditindaklanjuti di wilayah (K3)", f("{kg3!nilai@k3}"), 0.2, f("{nilai}*{bobot}")],
      [
        "k4",
        "Persentase ketepatan waktu penyelesaian produk intelijen keimigrasian yang ditindaklanjuti di wilayah (K4)",
        f("{kg4!nilai@k4}"),
        0.1,
        f("{nilai}*{bobot}"),
      ],
      [
        "k5",
        "Tingkat kepatuhan masyarakat terhadap hukum keimigrasian melalui Desa Binaan di wilayah (K5)",
        f("{kg5!nilai@k5}"),
        0.1,
        c ? f("{nilai}*{bobot}") : 10.2,
      ],
      ["k6", "Indeks keamanan, dan pencegahan atas masuknya ancaman keimigrasian di wilayah (K6)", f("{kg6!nilai@k6}"), 0.2, f("{nilai}*{bobot}")],
      ["x", "X: Indeks Penegakan Hukum Keimigrasian di Wilayah", c ? f("SUM({kxw@k1..k6})") : 86.95],
    ]),
  );
  T.push(
    table("xg_cap", "IKK Gakum (capaian)", "Analisis Capaian: Indeks Penegakan Hukum Keimigrasian di Wilayah", capCols, [
      ["target", "Capaian terhadap target", f("{xg!nilai@x}"), 90.8, f("{realisasi}/{target}*100")],
      ["rpjmn", "Capaian terhadap target RPJMN", f("{xg!nilai@x}"), 93.01, f("{realisasi}/{target}*100")],
      ["nasional", "Capaian terhadap standar nasional", f("{xg!nilai@x}"), 86.65, f("{realisasi}/{target}*100")],
    ]),
  );
  T.push(
    table(
      "rb",
      "Perhitungan RB",
      "Perhitungan Persentase Pelaksanaan Rencana Aksi Reformasi Birokrasi",
      calcCols(),
      [["rb", "Persentase Pelaksanaan Rencana Aksi RB", 95, 100, f(NIL)]],
    ),
  );
  T.push(
    table(
      "cap3",
      "Capaian Sasaran Kegiatan III",
      "Analisis Capaian: Sasaran Kegiatan III (Reformasi Birokrasi dan Indeks Kepuasan)",
      [{ key: "indikator", h: "Indikator Kinerja Kegiatan", vh: "Indikator", width: 50 }, ...capCols],
      [
        ["rb_target", IKK_RB, "Capaian terhadap target", f("{rb!nilai@rb}"), 100, f("{realisasi}/{target}*100")],
        ["rb_rpjmn", null, "Capaian terhadap target RPJMN", f("{rb!nilai@rb}"), 100, f("{realisasi}/{target}*100")],
        ["rb_nasional", null, "Capaian terhadap standar nasional", f("{rb!nilai@rb}"), 89, f("{realisasi}/{target}*100")],
        ["kp_target", IKK_KP, "Capaian terhadap target", 3.79, 3.51, f("{realisasi}/{target}*100")],
        ["kp_rpjmn", null, "Capaian terhadap target RPJMN", 3.79, 3.55, f("{realisasi}/{target}*100")],
        ["kp_nasional", null, "Capaian terhadap standar nasional", 3.79, 3.82, f("{realisasi}/{target}*100")],
      ],
    ),
  );

  // ---- Anggaran: Tabel 16-19 ---------------------------------------------------------------------------
  const R_A = f("{realisasi}/{anggaran}");
  T.push(
    table(
      "t16",
      "Tabel 16",
      "Tabel 16: Realisasi Anggaran",
      [
        { key: "kegiatan", h: "Kegiatan", vh: "Kegiatan", width: 70 },
        { key: "anggaran", h: "Anggaran", vh: "Pagu", fmt: INT, width: 18 },
        { key: "realisasi", h: "Realisasi", vh: "Realisasi Anggaran", fmt: INT, width: 18 },
        { key: "persen", h: "Persentase", vh: "%", fmt: PCT, width: 12 },
      ],
      [
        ["p1", "Meningkatnya Layanan Keimigrasian di Kewilayahan", 384013000, 305272097, c ? R_A : 0.7949],
        ["c1", IKK_L, 384013000, 305272097, c ? R_A : 0.7949],
        ["p2", "Optimalnya penegakan hukum Keimigrasian di kewilayahan", 1629443000, 1114081167, c ? R_A : 0.7949],
        ["c2", IKK_G, 1629443000, 1114081167, c ? R_A : 0.7949],
        ["p3", "Meningkatnya Pelayanan Reformasi Birokrasi di Lingkup UPT Imigrasi", 4360712000, 4260264413, 0.977],
        ["c3a", IKK_RB, 1787101000, 1768808058, 0.9898],
        ["c3b", IKK_KP, 2573611000, 2491456355, 0.9681],
        ["total", "Total", f("{anggaran@p1}+{anggaran@p2}+{anggaran@p3}"), f("{realisasi@p1}+{realisasi@p2}+{realisasi@p3}"), 0.891],
      ],
    ),
  );
  T.push(
    table(
      "pagu",
      "Pagu efektif",
      "Pagu Efektif dan Serapan Anggaran Tahun 2025",
      [
        { key: "uraian", h: "Uraian", vh: "Uraian", width: 40 },
        { key: "jumlah", h: "Jumlah", vh: "Nilai", fmt: INT, width: 18 },
      ],
      [
        ["pagu", "Pagu Anggaran", 6374168000],
        ["blokir", "Blokir Anggaran", 550797000],
        ["blokir_pct", "Persentase Blokir", f("{jumlah@blokir}/{jumlah@pagu}", PCT)],
        ["efektif", "Pagu Efektif", f("{jumlah@pagu}-{jumlah@blokir}")],
        ["realisasi", "Realisasi Anggaran", 5679617677],
        ["serapan", "Persentase Serapan", f("{jumlah@realisasi}/{jumlah@efektif}", PCT)],
      ],
    ),
  );
  const belanjaCols = (pctHeader: string): ColDef[] => [
    { key: "belanja", h: "BELANJA", vh: "Jenis Belanja", width: 20 },
    { key: "p24", h: "PAGU 2024", vh: "Pagu 2024", fmt: INT, width: 18 },
    { key: "r24", h: "REALISASI 2024", vh: "Realisasi 2024", fmt: INT, width: 18 },
    { key: "x24", h: `${pctHeader} 2024`, vh: "% 2024", fmt: PCT, width: 10 },
    { key: "p25", h: "PAGU 2025", vh: "Pagu 2025", fmt: INT, width: 18 },
    { key: "r25", h: "REALISASI 2025", vh: "Realisasi 2025", fmt: INT, width: 18 },
    { key: "x25", h: `${pctHeader} 2025`, vh: "% 2025", fmt: PCT, width: 10 },
  ];
  const P24 = f("{r24}/{p24}");
  const P25 = f("{r25}/{p25}");
  T.push(
    table("t17", "Tabel 17", "Tabel 17: Perbandingan Realisasi Berdasarkan Jenis Belanja", belanjaCols("%"), [
      ["pegawai", "Belanja Pegawai", 0, 0, "-", 1578147000, 1562444513, c ? P25 : "99.01"],
      ["barang", "Belanja Barang", 3722548000, 3707934092, c ? P24 : "99.53", 2982695000, c ? 2321547164 : 2321547120, c ? P25 : "77.83"],
      ["modal", "Belanja Modal", 0, 0, "-", 1813326000, 1795626000, c ? P25 : "99.02"],
      [
        "jumlah",
        "JUMLAH",
        3722548000,
        c ? f("SUM({r24@pegawai..modal})") : 3707965092,
        c ? P24 : "99.53",
        6374168000,
        c ? f("SUM({r25@pegawai..modal})") : 5679617633,
        c ? P25 : "89.1",
      ],
    ]),
  );
  T.push(
    table(
      "t18",
      "Tabel 18",
      "Tabel 18: Realisasi Anggaran Satuan Kerja",
      [
        { key: "kegiatan", h: "Kegiatan", vh: "Kegiatan", width: 70 },
        { key: "anggaran", h: "Anggaran", vh: "Pagu", fmt: INT, width: 18 },
        { key: "realisasi", h: "Realisasi", vh: "Realisasi Anggaran", fmt: INT, width: 18 },
        { key: "persen", h: "Persentase (%)", vh: "% Realisasi", fmt: DEC, width: 12 },
      ],
      [
        ["p1", "Meningkatnya Layanan Keimigrasian di Kewilayahan", 2757864000, 2591836947, 93.98],
        ["c1", IKK_L, 2757864000, 2591836947, 93.98],
        ["p2", "Optimalnya penegakan hukum Keimigrasian di kewilayahan", 8670241000, 8195398904, 94.52],
        ["c2", IKK_G, 8670241000, 8195398904, 94.52],
        ["p3", "Meningkatnya Pelayanan Reformasi Birokrasi di Lingkup UPT Imigrasi", 48485653000, 45881908110, 94.63],
        [
          "c3a",
          "Persentase Pelaksanaan Rencana Aksi Reformasi Birokrasi di Lingkup UPT",
          c ? 24826551000 : 48485653000,
          c ? 23472571579 : 45881908110,
          c ? f("{realisasi}/{anggaran}*100") : 94.63,
        ],
        ["c3b", "Indeks Kepuasan Unit Kerja Lingkup UPT Imigrasi terhadap Layanan", 23659102000, 22409336531, 94.72],
        ["total", "TOTAL", 59913758000, 56669143961, 94.58],
      ],
    ),
  );
  T.push(
    table("t19", "Tabel 19", "Tabel 19: Perbandingan Realisasi Berdasarkan Jenis Belanja Satuan Kerja di Wilayah NTT", belanjaCols("%"), [
      ["pegawai", "Belanja Pegawai", 18192858000, 17999695957, c ? P24 : "98.94", 19605599000, 19302915725, c ? P25 : "98.46"],
      [
        "barang",
        "Belanja Barang",
        35184854000,
        33350923513,
        c ? P24 : "94.79",
        c ? 27282139000 : 33754839000,
        c ? 24707895481 : 24536409786,
        c ? P25 : "72.69",
      ],
      ["modal", "Belanja Modal", 28021054000, 27235431665, c ? P24 : "97.20", 13026020000, 12658332755, c ? P25 : "97.18"],
      [
        "jumlah",
        "JUMLAH",
        81398766000,
        78586051135,
        c ? P24 : "96.54",
        c ? f("SUM({p25@pegawai..modal})") : 66386458000,
        c ? f("SUM({r25@pegawai..modal})") : 56497658266,
        c ? P25 : "85.10",
      ],
    ]),
  );

  // ---- IKPA --------------------------------------------------------------------------------------------
  T.push(
    table(
      "t20",
      "Tabel 20",
      "Tabel 20: Nilai Kinerja Perencanaan Anggaran",
      [
        { key: "tahun", h: "Tahun", vh: "Tahun", width: 8 },
        { key: "cro", h: "CRO", vh: "Capaian Realisasi Output", fmt: DEC, width: 12 },
        { key: "sbk", h: "Penggunaan SBK", vh: "Penggunaan SBK", fmt: DEC, width: 14 },
        { key: "esbk", h: "Efisiensi SBK", vh: "Efisiensi SBK", fmt: DEC, width: 14 },
      ],
      [
        ["y2024", 2024, "-", "-", "-"],
        ["y2025", 2025, 100, 100, 100],
      ],
    ),
  );
  T.push(
    table(
      "t21",
      "Tabel 21",
      "Tabel 21: Nilai Kinerja Pelaksanaan Anggaran",
      [
        { key: "tahun", h: "Tahun", vh: "Tahun", width: 8 },
        { key: "revisi", h: "Revisi DIPA", vh: "Revisi DIPA", fmt: DEC, width: 12 },
        { key: "deviasi", h: "Deviasi Halaman III DIPA", vh: "Deviasi Hal III DIPA", fmt: DEC, width: 14 },
        { key: "serap", h: "Penyerapan Anggaran", vh: "Penyerapan", fmt: DEC, width: 12 },
        { key: "kontrak", h: "Belanja Kontraktual", vh: "Belanja Kontraktual", fmt: DEC, width: 12 },
        { key: "tagihan", h: "Penyelesaian Tagihan", vh: "Penyelesaian Tagihan", fmt: DEC, width: 12 },
        { key: "uptup", h: "Pengelolaan UP dan TUP", vh: "Pengelolaan UP/TUP", fmt: DEC, width: 12 },
        { key: "output", h: "Capaian Output", vh: "Capaian Output", fmt: DEC, width: 12 },
      ],
      [
        ["y2024", 2024, 100, 100, 99.33, 0, 0, 0, 100],
        ["y2025", 2025, 100, 94.58, 81.68, 0, c ? 100 : 0, 97.94, 100],
      ],
    ),
  );
  const NA = f("{nilai}*{bobot}/100");
  T.push(
    table(
      "omspan",
      "IKPA OM SPAN",
      "Indikator Pelaksanaan Anggaran (OM SPAN) sampai dengan Desember 2025",
      [
        { key: "komponen", h: "Komponen", vh: "Komponen IKPA", width: 30 },
        { key: "nilai", h: "Nilai", vh: "Nilai", fmt: DEC, width: 12 },
        { key: "bobot", h: "Bobot", vh: "Bobot", fmt: INT, width: 10 },
        { key: "akhir", h: "Nilai Akhir", vh: "Nilai x Bobot", fmt: DEC, width: 12 },
      ],
      [
        ["revisi", "Revisi DIPA", 100, 10, NA],
        ["deviasi", "Deviasi Halaman III DIPA", 94.58, 15, NA],
        ["serap", "Penyerapan Anggaran", 81.68, 20, NA],
        ["kontrak", "Belanja Kontraktual", 0, 0, NA],
        ["tagihan", "Penyelesaian Tagihan", 100, 10, NA],
        ["uptup", "Pengelolaan UP dan TUP", 97.94, 10, NA],
        ["output", "Capaian Output", 100, 25, NA],
        ["total", "Nilai Total", f("SUM({akhir@revisi..output})")],
        ["konversi", "Konversi Bobot", f("SUM({bobot@revisi..output})/100", W)],
        ["dispensasi", "Dispensasi SPM (Pengurang)", 0],
        ["akhir", "Nilai Akhir (Nilai Total/Konversi Bobot)", f("{nilai@total}/{nilai@konversi}-{nilai@dispensasi}")],
      ],
    ),
  );
  T.push(
    table(
      "ikpa_bobot",
      "Bobot IKPA (pedoman)",
      "Bobot IKPA (pedoman)",
      [
        { key: "komponen", h: "Komponen", vh: "Komponen IKPA", width: 30 },
        { key: "bobot", h: "Bobot", vh: "Bobot (%)", fmt: INT, width: 10 },
        { key: "keterangan", h: "Keterangan", vh: "Catatan", width: 50 },
      ],
      [
        ["revisi", "Revisi DIPA", 10],
        ["deviasi", "Deviasi Halaman III DIPA", c ? 15 : 10],
        ["serap", "Penyerapan Anggaran", 20],
        ["kontrak", "Belanja Kontraktual", 10, "Bila tidak ada kontrak, bobotnya 0 di OM SPAN dan nilai dikonversi (Konversi Bobot)"],
        ["tagihan", "Penyelesaian Tagihan", 10],
        ["uptup", "Pengelolaan UP dan TUP", 10],
        ["dispensasi", "Dispensasi SPM", c ? 0 : 5, c ? "Pengurang nilai akhir, bukan komponen berbobot" : null],
        ["output", "Capaian Output", 25],
        ["jumlah", "Jumlah", f("SUM({bobot@revisi..output})")],
      ],
    ),
  );

  // ---- Data lain: Tabel 22-25 -------------------------------------------------------------------------------
  T.push(
    table(
      "t22",
      "Tabel 22",
      "Tabel 22: Data Penerbitan Paspor Satuan Kerja Imigrasi di Wilayah NTT",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "layanan", h: "Layanan", vh: "Jenis Layanan Paspor", width: 44 },
        { key: "jumlah", h: "Jumlah", vh: "Jumlah", fmt: INT, width: 10 },
      ],
      [
        ["kup_1", 1, KUPANG, "Paspor Biasa 48 Halaman", 2399],
        ["kup_2", null, null, "Paspor Elektronik 48 Halaman", c ? 9358 : 8059],
        !c && ["kup_3", null, null, "Paspor Biasa 48 Halaman 5 Tahun", 2317],
        !c && ["kup_4", null, null, "Paspor Biasa 48 Halaman 10 Tahun", 82],
        !c && ["kup_5", null, null, "Paspor Elektronik 48 Halaman 5 Tahun", 6659],
        !c && ["kup_6", null, null, "Paspor Elektronik 48 Halaman 10 Tahun", 1400],
        ["kup_7", null, null, "Penolakan Paspor Biasa 48 Halaman 5 Tahun", 23],
        ["kup_8", null, null, "Penolakan Paspor Elektronik 48 Halaman 5 Tahun", 10],
        ["ata_1", 2, ATAMBUA, "Pemeberian Paspor 48 Halaman", 2199],
        ["ata_2", null, null, "Penggantian Paspor 48 Halaman", c ? 840 : 859],
        ["ata_3", null, null, "Pemberian Paspor Elektronik 48 Halaman", 3139],
        ["ata_4", null, null, "Penggantian Paspor Elektronik 48 Halaman", 1677],
        ["ata_5", null, null, "Pemberian Paspor 24 Halaman", 0],
        ["ata_6", null, null, "Penggantian Paspor 24 Halaman", 0],
        ["lbj_1", 3, LABUAN, "Penerbitan Paspor", 1483],
        ["lbj_2", null, null, "Penolakan Paspor", 18],
        ["lbj_3", null, null, "Pembatalan by Sistem", 84],
        ["mau_1", 4, MAUMERE, "Paspor Baru Biasa", 767],
        ["mau_2", null, null, "Paspor Baru Biasa Elektronik", 242],
        ["mau_3", null, null, "Penggantian Habis Berlaku Biasa", 181],
        ["mau_4", null, null, "Penggantian Habis Berlaku Elektronik", 221],
        ["mau_5", null, null, "Penggantian Hilang", 16],
        ["mau_6", null, null, "Penggantian Karena Halaman Penuh", 5],
      ],
    ),
  );
  const S23 = f("SUM({kd_wni,kb_wni,kd_oa,kb_oa})");
  T.push(
    table(
      "t23",
      "Tabel 23",
      "Tabel 23: Data Perlintasan di Wilayah NTT",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "kd_wni", h: "Kedatangan WNI", vh: "Kedatangan WNI", fmt: INT, width: 14 },
        { key: "kb_wni", h: "Keberangkatan WNI", vh: "Keberangkatan WNI", fmt: INT, width: 14 },
        { key: "kd_oa", h: "Kedatangan OA", vh: "Kedatangan OA", fmt: INT, width: 14 },
        { key: "kb_oa", h: "Keberangkatan OA", vh: "Keberangkatan OA", fmt: INT, width: 14 },
        { key: "jumlah", h: "Jumlah", vh: "Jumlah Pelintas", fmt: INT, width: 14 },
      ],
      [
        ["kup_1", 1, KUPANG, 30, 38, 27, 30, S23],
        ["kup_2", null, null, 357, 430, 2484, 667, S23],
        ["ata_1", 2, ATAMBUA, 90011, 92641, 156222, 153359, S23],
        ["ata_2", null, null, 13774, 14124, 17666, 17278, S23],
        ["ata_3", null, null, 9709, 9759, 37598, 37140, S23],
        ["ata_4", null, null, 3193, 5325, 6442, 4877, S23],
        ["lbj_1", 3, LABUAN, 1836, 1631, 27012, 26715, S23],
        ["lbj_2", null, null, 1783, 1088, 18686, 12611, S23],
        ["mau_1", 4, MAUMERE, "-", 19, "-", 416, S23],
      ],
    ),
  );
  T.push(
    table(
      "t24",
      "Tabel 24",
      "Tabel 24: Data Pengawasan di Wilayah NTT",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "upt", h: "UPT", vh: "Satuan Kerja", width: 32 },
        { key: "kegiatan", h: "Kegiatan Pengawasan", vh: "Kegiatan", width: 34 },
        { key: "jumlah", h: "Jumlah", vh: "Jumlah", fmt: INT, width: 10 },
      ],
      [
        ["kanwil_1", 1, "Kanwil Ditjenim NTT", "Operasi Intelijen", 16],
        ["kanwil_2", null, null, "Operasi Mandiri", 6],
        ["kanwil_3", null, null, "Operasi Gabungan", 2],
        ["kanwil_4", null, null, "Timpora", 2],
        ["kup_1", 2, KUPANG, "Operasi Intelijen", 12],
        ["kup_2", null, null, "Operasi Mandiri", 3],
        ["kup_3", null, null, "Operasi Gabungan", 4],
        ["ata_1", 3, ATAMBUA, "Operasi Intelijen", 67],
        ["ata_2", null, null, "Operasi Mandiri", 9],
        ["ata_3", null, null, "Operasi Gabungan", 3],
        ["lbj_1", 4, LABUAN, "Operasi Mandiri", 36],
        ["lbj_2", null, null, "Operasi Gabungan", 6],
        ["lbj_3", null, null, "Operasi Intelijen", 44],
        ["lbj_4", null, null, "Timpora", 7],
        ["mau_1", 5, MAUMERE, "Operasi Intelijen", 12],
        ["mau_2", null, null, "Operasi Mandiri", 28],
        ["mau_3", null, null, "Operasi Gabungan", 5],
        ["mau_4", null, null, "Timpora", 7],
        ["rud_1", 6, "Rudenim Kupang", "Pengawasan di Hotel Ina Boi", 10],
        ["rud_2", null, null, "Pengawasan di Hotel Lavender", 10],
        ["rud_3", null, null, "Pengawasan di Kupang Inn", 10],
      ],
    ),
  );
  T.push(
    table(
      "t25",
      "Tabel 25",
      "Tabel 25: Data Penegakan Hukum di Wilayah NTT",
      [
        { key: "no", h: "No", vh: "No.", width: 5 },
        { key: "satker", h: "SATKER", vh: "Satuan Kerja", width: 24 },
        { key: "gakum", h: "Data Gakum", vh: "Jenis Penindakan", width: 50 },
        { key: "jumlah", h: "Jumlah", vh: "Jumlah", fmt: INT, width: 10 },
      ],
      [
        ["kup_1", 1, "Kanim TPI I Kupang", c ? "Deportasi" : "Deportasi dan Usulan Penangkalan", 67],
        ["ata_1", 2, "Kanim Atambua", c ? "Keharusan untuk Bertempat Tinggal di Suatu Tempat" : "Pendetensian", c ? 67 : 54],
        ["ata_2", null, null, "Deportasi", c ? 67 : 69],
        ["ata_3", null, null, c ? "Deportasi dan Usulan Penangkalan" : "Penangkalan", 58],
        ["mau_1", 3, "Kanim Maumere", "Deportasi", 4],
        ["mau_2", null, null, "Deportasi dan Usulan Penangkalan", 1],
        ["mau_3", null, null, "Keharusan untuk Bertempat Tinggal di Suatu Tempat", 1],
        ["mau_4", null, null, "Pembatasan, Perubahan, atau Pembatalan Izin Tinggal", c ? "-" : 1],
        ["lbj_1", 4, "Kanim Labuan Bajo", "Deportasi", 2],
        ["lbj_2", null, null, "Pendetensian", "-"],
        ["rud_1", 5, "Rudenim", "Deportasi", 57],
        ["rud_2", null, null, "Deportasi dan Usulan Penangkalan", 56],
        ["rud_3", null, null, "Keharusan untuk Bertempat Tinggal di Suatu Tempat", 48],
      ],
    ),
  );
  return T;
}

// ---------------------------------------------------------------------------------------------
// Layouts

interface Place {
  t: string;
  /** Title cell above the header (default true). */
  title?: boolean;
  /** First column (default 1). */
  col?: number;
  /** Column order by key; keys not listed follow in their own order. */
  order?: string[];
  /** Insert an empty row after these row ids. */
  blankAfter?: string[];
  /** Write as a real Excel table with this name. */
  excelTable?: string;
  /** Extra empty rows before this table. */
  gapBefore?: number;
}

interface SheetPlan {
  name: string;
  items: Place[];
  /** Defined names: name → table id plus optional row/col to point at a single cell. */
  names?: { name: string; t: string; r?: string; c?: string }[];
}

const STANDARD: SheetPlan[] = [
  { name: "PK 2025-2026", items: [{ t: "pk" }, { t: "pk_anggaran" }] },
  { name: "Tabel 3 Capaian", items: [{ t: "t3" }] },
  { name: "Layanan Dokpri", items: [{ t: "t4" }, { t: "t5" }, { t: "k1l" }] },
  { name: "Layanan Izin Tinggal", items: [{ t: "t6" }, { t: "t6w" }, { t: "k2l" }] },
  { name: "IKK Layanan", items: [{ t: "xl" }, { t: "xl_cap" }] },
  { name: "Gakum Data", items: [{ t: "t8" }, { t: "t9" }, { t: "t10" }, { t: "t11" }, { t: "t12" }] },
  {
    name: "Perhitungan Gakum",
    items: [
      { t: "i1" },
      { t: "i2" },
      { t: "kg1" },
      { t: "kg2" },
      { t: "kg3" },
      { t: "kg4" },
      { t: "kg5" },
      { t: "kg6" },
      { t: "xg" },
      { t: "xg_cap" },
      { t: "rb" },
      { t: "cap3" },
    ],
  },
  { name: "Anggaran", items: [{ t: "t16" }, { t: "pagu" }, { t: "t17" }, { t: "t18" }, { t: "t19" }] },
  { name: "IKPA", items: [{ t: "t20" }, { t: "t21" }, { t: "omspan" }, { t: "ikpa_bobot" }] },
  { name: "Data Lain", items: [{ t: "t22" }, { t: "t23" }, { t: "t24" }, { t: "t25" }] },
];

const CALC_ORDER = ["komponen", "polaritas", "bobot", "pembilang", "penyebut", "nilai", "nxb"];

const VARIANT: SheetPlan[] = [
  {
    name: "Ringkasan Kinerja",
    items: [
      { t: "t3", col: 2 },
      { t: "pk", col: 2, title: false, gapBefore: 1, order: ["no", "indikator", "sasaran", "satuan", "t2026", "t2025"] },
      { t: "pk_anggaran", col: 2, order: ["kegiatan", "a2026", "a2025"] },
    ],
  },
  {
    name: "Data Layanan",
    items: [
      { t: "t4", col: 3, title: false, order: ["no", "upt", "jenis", "total", "ditolak", "terbit", "batal", "selesai"], blankAfter: ["ata_plb"] },
      { t: "t5", col: 3, blankAfter: ["ata_plb"], order: ["no", "upt", "jenis", "sop", "tepat", "syarat"] },
      { t: "t6", col: 3, order: ["no", "upt", "jenis", "total", "ditolak", "terbit", "selesai"], gapBefore: 2 },
      { t: "t6w", col: 3 },
      { t: "t22", col: 3, title: false, blankAfter: ["kup_8", "ata_6"] },
    ],
  },
  {
    name: "Hitung",
    items: [
      { t: "k1l", col: 2, order: CALC_ORDER },
      { t: "k2l", col: 2, order: CALC_ORDER },
      { t: "xl", col: 2, order: ["komponen", "bobot", "nilai", "kxw"] },
      { t: "xl_cap", col: 2, order: ["uraian", "target", "realisasi", "capaian"] },
      { t: "i1", col: 2, order: CALC_ORDER },
      { t: "i2", col: 2 },
      { t: "kg1", col: 2, order: CALC_ORDER },
      { t: "kg2", col: 2 },
      { t: "kg3", col: 2 },
      { t: "kg4", col: 2 },
      { t: "kg5", col: 2, order: CALC_ORDER },
      { t: "kg6", col: 2, order: CALC_ORDER },
      { t: "xg", col: 2, order: ["komponen", "bobot", "nilai", "kxw"] },
      { t: "xg_cap", col: 2, order: ["uraian", "target", "realisasi", "capaian"] },
      { t: "rb", col: 2 },
      { t: "cap3", col: 2 },
    ],
  },
  {
    name: "Penegakan Hukum",
    items: [
      { t: "t12", col: 1 },
      { t: "t8", col: 1, title: false },
      { t: "t9", col: 1, blankAfter: ["mau_bb"] },
      { t: "t25", col: 1 },
      { t: "t10", col: 3 },
      { t: "t11", col: 3 },
      { t: "t24", col: 1, title: false },
    ],
  },
  {
    name: "Keuangan",
    items: [
      { t: "t17", col: 1, order: ["belanja", "p25", "r25", "x25", "p24", "r24", "x24"] },
      { t: "t16", col: 1, blankAfter: ["c2"], order: ["kegiatan", "anggaran", "realisasi", "persen"] },
      { t: "pagu", col: 1 },
      { t: "t18", col: 1 },
      { t: "t19", col: 1 },
      { t: "omspan", col: 3, order: ["komponen", "bobot", "nilai", "akhir"] },
      { t: "ikpa_bobot", col: 3 },
      { t: "t20", col: 3, title: false },
      { t: "t21", col: 3, excelTable: "TblIKPA" },
    ],
    names: [
      { name: "PaguEfektif", t: "pagu", r: "efektif", c: "jumlah" },
      { name: "NilaiIKPA", t: "t21" },
    ],
  },
  {
    name: "Perlintasan",
    items: [{ t: "t23", col: 2, excelTable: "TblPerlintasan" }],
    names: [{ name: "DataPerlintasan", t: "t23" }],
  },
];

interface Placement {
  table: TableDef;
  sheet: string;
  place: Place;
  titleRow?: number;
  headerRow: number;
  rowNum: Map<string, number>;
  cols: ColDef[];
  colNum: Map<string, number>;
}


function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function placeAll(tables: TableDef[], plan: SheetPlan[]): Map<string, Placement> {
  const byId = new Map(tables.map((t) => [t.id, t]));
  const out = new Map<string, Placement>();
  for (const sheet of plan) {
    let r = 1;
    for (const p of sheet.items) {
      const table = byId.get(p.t);
      if (!table) throw new Error(`layout names unknown table ${p.t}`);
      r += p.gapBefore ?? 0;
      const startCol = p.col ?? 1;
      const order = p.order ?? table.cols.map((c) => c.key);
      const cols: ColDef[] = [];
      for (const k of order) {
        const c = table.cols.find((x) => x.key === k);
        if (c) cols.push(c);
      }
      for (const c of table.cols) if (!cols.includes(c)) cols.push(c);
      const colNum = new Map(cols.map((c, i) => [c.key, startCol + i]));
      let titleRow: number | undefined;
      if (p.title !== false) titleRow = r++;
      const headerRow = r++;
      const rowNum = new Map<string, number>();
      for (const row of table.rows) {
        rowNum.set(row.id, r++);
        if (p.blankAfter?.includes(row.id)) r++;
      }
      r++; // blank row between tables
      const pl: Placement = { table, sheet: sheet.name, place: p, headerRow, rowNum, cols, colNum };
      if (titleRow !== undefined) pl.titleRow = titleRow;
      out.set(table.id, pl);
    }
  }
  for (const t of tables) if (!out.has(t.id)) throw new Error(`layout leaves out table ${t.id}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Formula templates: parsing references, rendering to A1, evaluating on the logical model

interface RefSpec {
  table: string;
  cols: string[];
  /** Row ids in logical order; empty means "the formula's own row". */
  rows: string[];
  /** True when written as a row range a..b. */
  range: boolean;
}

function parseRef(text: string, table: TableDef, all: Map<string, TableDef>): RefSpec {
  let rest = text.trim();
  let tid = table.id;
  const bang = rest.indexOf("!");
  if (bang >= 0) {
    tid = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
  }
  const t = all.get(tid);
  if (!t) throw new Error(`formula reference to unknown table ${tid} in {${text}}`);
  const [colPart = "", rowPart] = rest.split("@");
  const cols = colPart.split(",").map((s) => s.trim());
  for (const c of cols) if (!t.cols.some((x) => x.key === c)) throw new Error(`unknown column ${c} of ${tid} in {${text}}`);
  let rows: string[] = [];
  let range = false;
  if (rowPart !== undefined) {
    if (rowPart.includes("..")) {
      const [a = "", b = ""] = rowPart.split("..");
      const ia = t.rows.findIndex((r) => r.id === a);
      const ib = t.rows.findIndex((r) => r.id === b);
      if (ia < 0 || ib < 0 || ib < ia) throw new Error(`bad row range ${rowPart} of ${tid}`);
      rows = t.rows.slice(ia, ib + 1).map((r) => r.id);
      range = true;
    } else {
      if (!t.rows.some((r) => r.id === rowPart)) throw new Error(`unknown row ${rowPart} of ${tid}`);
      rows = [rowPart];
    }
  }
  return { table: tid, cols, rows, range };
}

const REF_RE = /\{([^{}]+)\}/g;

function renderFormula(template: string, table: TableDef, rowId: string, places: Map<string, Placement>, all: Map<string, TableDef>): string {
  const here = places.get(table.id)!;
  return template.replace(REF_RE, (_m, body: string) => {
    const ref = parseRef(body, table, all);
    const pl = places.get(ref.table)!;
    const prefix = pl.sheet === here.sheet ? "" : `${quoteSheet(pl.sheet)}!`;
    const rows = ref.rows.length ? ref.rows : [rowId];
    const rowNums = rows.map((r) => {
      const x = pl.rowNum.get(r);
      if (x === undefined) throw new Error(`row ${r} of ${ref.table} not placed`);
      return x;
    });
    const colNums = ref.cols.map((c) => pl.colNum.get(c)!);
    if (colNums.length === 1 && rowNums.length === 1) return `${prefix}${a1(rowNums[0]!, colNums[0]!)}`;
    if (colNums.length === 1) {
      const c0 = colNums[0]!;
      return `${prefix}${a1(Math.min(...rowNums), c0)}:${a1(Math.max(...rowNums), c0)}`;
    }
    if (rowNums.length !== 1) throw new Error(`2-D references are not supported: {${body}}`);
    const r0 = rowNums[0]!;
    const sorted = [...colNums].sort((a, b) => a - b);
    const contiguous = sorted.every((c, i) => i === 0 || c === sorted[i - 1]! + 1);
    if (contiguous) return `${prefix}${a1(r0, sorted[0]!)}:${a1(r0, sorted[sorted.length - 1]!)}`;
    return colNums.map((c) => `${prefix}${a1(r0, c)}`).join(",");
  });
}

type Val = number | string | boolean | null;
class EvalError {
  constructor(readonly code: string) {}
}
type EV = Val | Val[] | EvalError;

/** Evaluates formula templates against the logical tables. */
class Evaluator {
  private readonly memo = new Map<string, Val | EvalError>();
  private readonly busy = new Set<string>();
  readonly byId: Map<string, TableDef>;

  constructor(tables: TableDef[]) {
    this.byId = new Map(tables.map((t) => [t.id, t]));
  }

  cell(tableId: string, rowId: string, col: string): Val | EvalError {
    const key = `${tableId}|${rowId}|${col}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    if (this.busy.has(key)) throw new Error(`circular formula at ${key}`);
    const t = this.byId.get(tableId)!;
    const row = t.rows.find((r) => r.id === rowId);
    const spec = row?.v[col];
    let v: Val | EvalError;
    if (spec === undefined || spec === null) v = null;
    else if (spec instanceof F) {
      this.busy.add(key);
      v = this.formula(spec.f, t, rowId);
      this.busy.delete(key);
    } else if (spec instanceof N) v = spec.v;
    else if (spec instanceof Date) v = (spec.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
    else v = spec;
    this.memo.set(key, v);
    return v;
  }

  formula(template: string, table: TableDef, rowId: string): Val | EvalError {
    const toks = tokenize(template);
    let i = 0;
    const peek = () => toks[i];
    const next = () => toks[i++];
    const expect = (s: string) => {
      const t = next();
      if (!t || t.s !== s) throw new Error(`formula ${template}: expected ${s}`);
    };
    const refValues = (body: string): Val[] | EvalError => {
      const ref = parseRef(body, table, this.byId);
      const rows = ref.rows.length ? ref.rows : [rowId];
      const out: Val[] = [];
      for (const r of rows)
        for (const c of ref.cols) {
          const v = this.cell(ref.table, r, c);
          if (v instanceof EvalError) return v;
          out.push(v);
        }
      return out;
    };
    const scalar = (v: EV): Val | EvalError => {
      if (Array.isArray(v)) return v.length === 1 ? (v[0] ?? null) : new EvalError("#VALUE!");
      return v;
    };
    const num = (v: EV): number | EvalError => {
      const s = scalar(v);
      if (s instanceof EvalError) return s;
      if (s === null) return 0;
      if (typeof s === "number") return s;
      if (typeof s === "boolean") return s ? 1 : 0;
      return new EvalError("#VALUE!");
    };
    const flat = (args: EV[]): Val[] | EvalError => {
      const out: Val[] = [];
      for (const a of args) {
        if (a instanceof EvalError) return a;
        if (Array.isArray(a)) out.push(...a);
        else out.push(a);
      }
      return out;
    };
    const primary = (): EV => {
      const t = next();
      if (!t) throw new Error(`formula ${template}: unexpected end`);
      if (t.k === "num") return Number(t.s);
      if (t.k === "str") return t.s;
      if (t.k === "ref") return refValues(t.s);
      if (t.s === "(") {
        const v = expr();
        expect(")");
        return v;
      }
      if (t.k === "id") {
        expect("(");
        const args: EV[] = [];
        if (peek()?.s !== ")") {
          args.push(expr());
          while (peek()?.s === ",") {
            next();
            args.push(expr());
          }
        }
        expect(")");
        return call(t.s.toUpperCase(), args);
      }
      throw new Error(`formula ${template}: unexpected ${t.s}`);
    };
    const call = (name: string, args: EV[]): EV => {
      if (name === "IF") {
        const cond = scalar(args[0] ?? null);
        if (cond instanceof EvalError) return cond;
        return cond ? (args[1] ?? 0) : (args[2] ?? false);
      }
      const vals = flat(args);
      if (vals instanceof EvalError) return vals;
      const nums = vals.filter((v): v is number => typeof v === "number");
      switch (name) {
        case "SUM":
          return nums.reduce((a, b) => a + b, 0);
        case "AVERAGE":
          return nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : new EvalError("#DIV/0!");
        case "MIN":
          return nums.length ? Math.min(...nums) : 0;
        case "MAX":
          return nums.length ? Math.max(...nums) : 0;
        case "COUNTA":
          return vals.filter((v) => v !== null && v !== "").length;
        default:
          throw new Error(`formula ${template}: unsupported function ${name}`);
      }
    };
    const unary = (): EV => {
      if (peek()?.s === "-") {
        next();
        const v = num(unary());
        return v instanceof EvalError ? v : -v;
      }
      return primary();
    };
    const term = (): EV => {
      let left = unary();
      while (peek()?.s === "*" || peek()?.s === "/") {
        const op = next()!.s;
        const a = num(left);
        const b = num(unary());
        if (a instanceof EvalError) return a;
        if (b instanceof EvalError) return b;
        if (op === "/" && b === 0) left = new EvalError("#DIV/0!");
        else left = op === "*" ? a * b : a / b;
      }
      return left;
    };
    const additive = (): EV => {
      let left = term();
      while (peek()?.s === "+" || peek()?.s === "-") {
        const op = next()!.s;
        const a = num(left);
        const b = num(term());
        if (a instanceof EvalError) return a;
        if (b instanceof EvalError) return b;
        left = op === "+" ? a + b : a - b;
      }
      return left;
    };
    const expr = (): EV => {
      const left = additive();
      const op = peek()?.s;
      if (op === "=" || op === "<>" || op === "<" || op === ">" || op === "<=" || op === ">=") {
        next();
        const a = scalar(left);
        const b = scalar(additive());
        if (a instanceof EvalError) return a;
        if (b instanceof EvalError) return b;
        const x = a ?? 0;
        const y = b ?? 0;
        switch (op) {
          case "=":
            return x === y;
          case "<>":
            return x !== y;
          case "<":
            return x < y;
          case ">":
            return x > y;
          case "<=":
            return x <= y;
          default:
            return x >= y;
        }
      }
      return left;
    };
    const result = expr();
    if (i !== toks.length) throw new Error(`formula ${template}: trailing tokens`);
    return scalar(result);
  }
}

interface Tok {
  k: "num" | "str" | "ref" | "id" | "op";
  s: string;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "{") {
      const j = src.indexOf("}", i);
      out.push({ k: "ref", s: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      const j = src.indexOf('"', i + 1);
      out.push({ k: "str", s: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const numM = /^\d+(?:\.\d+)?/.exec(src.slice(i));
    if (numM) {
      out.push({ k: "num", s: numM[0] });
      i += numM[0].length;
      continue;
    }
    const idM = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (idM) {
      out.push({ k: "id", s: idM[0] });
      i += idM[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      out.push({ k: "op", s: two });
      i += 2;
      continue;
    }
    if ("+-*/(),=<>".includes(ch)) {
      out.push({ k: "op", s: ch });
      i++;
      continue;
    }
    throw new Error(`formula ${src}: unexpected character ${ch}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The model: tables + placement + evaluated values

export interface ModelCell {
  table: string;
  row: string;
  col: string;
  sheet: string;
  address: string;
  /** Literal value, or the cached result of the formula. Dates as Excel serials. */
  value: number | string | boolean | null;
  error?: string;
  /** Rendered formula (no "="), when the cell holds one. */
  formula?: string;
  /** The formula template, for comparing models across layouts. */
  template?: string;
  numFmt?: string;
  /** The raw spec kind. */
  kind: "number" | "text" | "date" | "formula";
}

export interface SampleModel {
  tables: TableDef[];
  placements: Map<string, Placement>;
  cells: ModelCell[];
  sheets: SheetPlan[];
}

export function sampleModel(opts: SampleOptions = {}): SampleModel {
  const tables = sampleTables(opts.corrected ?? false);
  const plan = (opts.layout ?? "standard") === "variant" ? VARIANT : STANDARD;
  const placements = placeAll(tables, plan);
  const ev = new Evaluator(tables);
  const cells: ModelCell[] = [];
  for (const t of tables) {
    const pl = placements.get(t.id)!;
    for (const row of t.rows) {
      for (const col of t.cols) {
        const spec = row.v[col.key];
        if (spec === undefined || spec === null) continue;
        const r = pl.rowNum.get(row.id)!;
        const cnum = pl.colNum.get(col.key)!;
        const base = { table: t.id, row: row.id, col: col.key, sheet: pl.sheet, address: a1(r, cnum) };
        if (spec instanceof F) {
          const v = ev.cell(t.id, row.id, col.key);
          const cell: ModelCell = {
            ...base,
            value: v instanceof EvalError ? null : v,
            formula: renderFormula(spec.f, t, row.id, placements, ev.byId),
            template: spec.f,
            kind: "formula",
          };
          if (v instanceof EvalError) cell.error = v.code;
          const fmt = spec.fmt ?? col.fmt;
          if (fmt) cell.numFmt = fmt;
          cells.push(cell);
        } else if (spec instanceof N) {
          cells.push({ ...base, value: spec.v, numFmt: spec.fmt, kind: "number" });
        } else if (spec instanceof Date) {
          cells.push({ ...base, value: ev.cell(t.id, row.id, col.key) as number, numFmt: DATE, kind: "date" });
        } else if (typeof spec === "number") {
          const cell: ModelCell = { ...base, value: spec, kind: "number" };
          if (col.fmt) cell.numFmt = col.fmt;
          cells.push(cell);
        } else {
          cells.push({ ...base, value: spec, kind: "text" });
        }
      }
    }
  }
  return { tables, placements, cells, sheets: plan };
}

// ---------------------------------------------------------------------------------------------
// Writing the workbook

export const SAMPLE_DATE = new Date(Date.UTC(2026, 0, 5, 0, 0, 0));

export function buildSampleWorkbook(opts: SampleOptions = {}): ExcelJS.Workbook {
  const layout = opts.layout ?? "standard";
  const model = sampleModel(opts);
  const wb = new ExcelJS.Workbook();
  wb.creator = "sakip-excel";
  wb.lastModifiedBy = "sakip-excel";
  wb.created = SAMPLE_DATE;
  wb.modified = SAMPLE_DATE;
  wb.title = "LKjIP 2025 Kanwil Ditjen Imigrasi NTT (contoh)";
  wb.subject = opts.corrected ? "Contoh data yang sudah dikoreksi" : "Contoh data sesuai laporan, termasuk kesalahannya";

  const cellsByTable = new Map<string, ModelCell[]>();
  for (const c of model.cells) {
    let l = cellsByTable.get(c.table);
    if (!l) cellsByTable.set(c.table, (l = []));
    l.push(c);
  }

  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    const widths = new Map<number, number>();
    for (const item of sheet.items) {
      const pl = model.placements.get(item.t)!;
      const t = pl.table;
      const header = (c: ColDef) => (layout === "variant" ? (c.vh ?? c.h) : c.h);
      if (pl.titleRow !== undefined) {
        const tc = ws.getCell(pl.titleRow, item.col ?? 1);
        tc.value = t.title;
        tc.font = { bold: true };
      }
      for (const c of pl.cols) {
        const cn = pl.colNum.get(c.key)!;
        widths.set(cn, Math.max(widths.get(cn) ?? 8, c.width ?? 12));
      }
      const cells = cellsByTable.get(t.id) ?? [];
      const toValue = (mc: ModelCell): ExcelJS.CellValue => {
        if (mc.kind === "formula") {
          const result = mc.error ? { error: mc.error } : mc.value;
          return { formula: mc.formula!, result } as ExcelJS.CellFormulaValue;
        }
        if (mc.kind === "date") return new Date(Math.round((mc.value as number) * 86400000 + Date.UTC(1899, 11, 30)));
        return mc.value as ExcelJS.CellValue;
      };
      if (item.excelTable) {
        const rows: ExcelJS.CellValue[][] = t.rows.map((row) =>
          pl.cols.map((c) => {
            const mc = cells.find((x) => x.row === row.id && x.col === c.key);
            return mc ? toValue(mc) : null;
          }),
        );
        ws.addTable({
          name: item.excelTable,
          displayName: item.excelTable,
          ref: a1(pl.headerRow, item.col ?? 1),
          headerRow: true,
          totalsRow: false,
          style: { theme: "TableStyleLight9", showRowStripes: true },
          columns: pl.cols.map((c) => ({ name: header(c), filterButton: true })),
          rows,
        });
      } else {
        for (const c of pl.cols) {
          const hc = ws.getCell(pl.headerRow, pl.colNum.get(c.key)!);
          hc.value = header(c);
          hc.font = { bold: true };
        }
        for (const mc of cells) ws.getCell(mc.address).value = toValue(mc);
      }
      for (const mc of cells) if (mc.numFmt) ws.getCell(mc.address).numFmt = mc.numFmt;
    }
    for (const [cn, w] of widths) ws.getColumn(cn).width = w;
    for (const nm of sheet.names ?? []) {
      const pl = model.placements.get(nm.t)!;
      let ref: string;
      if (nm.r && nm.c) {
        const r = pl.rowNum.get(nm.r)!;
        const c = pl.colNum.get(nm.c)!;
        ref = `${quoteSheet(sheet.name)}!$${columnLetters(c)}$${r}`;
      } else {
        const rowNums = [...pl.rowNum.values()];
        const colNums = [...pl.colNum.values()];
        ref = `${quoteSheet(sheet.name)}!$${columnLetters(Math.min(...colNums))}$${pl.headerRow}:$${columnLetters(Math.max(...colNums))}$${Math.max(...rowNums)}`;
      }
      wb.definedNames.add(ref, nm.name);
    }
  }
  return wb;
}

// ---------------------------------------------------------------------------------------------
// Deterministic bytes

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 5; // 2026-01-05

/** Overwrite every zip entry's DOS modification time so that writing twice gives the same bytes. */
export function normalizeZipTimestamps(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (dv.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip: end of central directory not found");
  const entries = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  for (let e = 0; e < entries; e++) {
    if (dv.getUint32(p, true) !== 0x02014b50) throw new Error("zip central directory is damaged");
    dv.setUint16(p + 12, DOS_TIME, true);
    dv.setUint16(p + 14, DOS_DATE, true);
    const local = dv.getUint32(p + 42, true);
    if (dv.getUint32(local, true) === 0x04034b50) {
      dv.setUint16(local + 10, DOS_TIME, true);
      dv.setUint16(local + 12, DOS_DATE, true);
    }
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}

/** The workbook as deterministic .xlsx bytes. */
export async function sampleWorkbookBytes(opts: SampleOptions = {}): Promise<Uint8Array> {
  const wb = buildSampleWorkbook(opts);
  const buf = await wb.xlsx.writeBuffer();
  return normalizeZipTimestamps(new Uint8Array(buf as ArrayBuffer));
}

// ---------------------------------------------------------------------------------------------
// Known errors: every deliberate difference between the uncorrected and the corrected data

export type KnownErrorKind =
  | "digit-grouping"
  | "recompute"
  | "weights"
  | "totals"
  | "ratios"
  | "cross-table"
  | "duplicates"
  | "units"
  | "polarity"
  | "swapped-columns"
  | "text-number";

/** A logical cell (or, without `c`, a whole row). */
export interface SampleRef {
  t: string;
  r: string;
  c?: string;
}

export interface KnownErrorDef {
  at: SampleRef;
  /** Other cells involved or changed by the same correction. */
  also?: SampleRef[];
  kind: KnownErrorKind;
  id: string;
  en: string;
  /** Only the last printed decimal differs (rounding or truncation). */
  minor?: boolean;
}

export interface KnownError {
  sheet: string;
  table: string;
  /** A1 address in the standard, uncorrected layout. */
  cell: string;
  what_id: string;
  what_en: string;
  kind: KnownErrorKind;
  /** Related cells, A1 on the same sheet or `'Sheet'!A1`. */
  also?: string[];
  minor?: boolean;
}

const ref = (t: string, r: string, c?: string): SampleRef => (c === undefined ? { t, r } : { t, r, c });

export const KNOWN_ERROR_DEFS: KnownErrorDef[] = [
  // Tabel 3
  {
    at: ref("t3", "l", "realisasi"),
    kind: "cross-table",
    id: "Realisasi Indeks Kualitas Layanan 101,2 tidak sama dengan X hasil perhitungan BAB III (95,73)",
    en: "Realisation of the service quality index 101.2 differs from X computed in chapter III (95.73)",
  },
  {
    at: ref("t3", "l", "capaian"),
    kind: "recompute",
    id: "Capaian 111,02 tidak sesuai Realisasi/Target = 101,2/91 × 100 = 111,21 (BAB III menyatakan 105,20)",
    en: "Achievement 111.02 does not match realisation/target = 101.2/91 × 100 = 111.21 (chapter III states 105.20)",
  },
  {
    at: ref("t3", "g", "realisasi"),
    also: [ref("t3", "g", "capaian")],
    kind: "cross-table",
    id: "Realisasi Indeks Penegakan Hukum 75 tidak sama dengan X hasil perhitungan BAB III (86,95); capaian 82,60 ikut salah (BAB III: 95,76)",
    en: "Realisation of the law enforcement index 75 differs from X computed in chapter III (86.95); the 82.60 achievement follows from it (chapter III: 95.76)",
  },
  {
    at: ref("t3", "avg", "capaian"),
    also: [ref("t3", "avg", "indikator"), ref("t3", "avg", "sasaran")],
    kind: "recompute",
    id: "Baris berlabel rata-rata capaian Sasaran Kegiatan III berisi 99,15 = rata-rata keempat indikator; rata-rata Sasaran III (95 dan 107,98) adalah 101,49",
    en: "The row labelled average achievement of target III holds 99.15 = the average of all four indicators; the average of target III (95 and 107.98) is 101.49",
  },
  {
    at: ref("t3", "ang", "target"),
    also: [ref("t3", "ang", "realisasi"), ref("t3", "ang", "capaian")],
    kind: "swapped-columns",
    id: "Target dan Realisasi anggaran tertukar: 5.679.617.677 adalah realisasi dan 5.823.371.000 pagu efektif; dengan angka sebagaimana tertulis R/T = 102,53%, bukan 97,53%",
    en: "Budget target and realisation are swapped: 5,679,617,677 is the realisation and 5,823,371,000 the effective ceiling; as written R/T = 102.53%, not 97.53%",
  },
  // Tabel 4 and K1 (layanan)
  {
    at: ref("t4", "lbj_psp", "terbit"),
    also: [ref("t4", "lbj_psp", "total"), ref("t4", "lbj_psp", "selesai")],
    kind: "ratios",
    id: "Labuan Bajo paspor: Terbit+Ditolak+Batal = 1.608+18+84 = 1.710 melebihi Total Permohonan 1.608; Tabel 5 dan Tabel 22 menyebut 1.483 terbit",
    en: "Labuan Bajo passports: issued+rejected+cancelled = 1,608+18+84 = 1,710 exceeds the 1,608 applications; Tabel 5 and Tabel 22 give 1,483 issued",
  },
  {
    at: ref("k1l", "d1", "pembilang"),
    kind: "cross-table",
    id: "Pembilang D1 23.382 hanya jumlah Terbit di Tabel 4; layanan yang diselesaikan (Terbit+Ditolak+Batal) berjumlah 24.677",
    en: "D1 numerator 23,382 is the sum of issued documents only; completed services (issued+rejected+cancelled) in Tabel 4 total 24,677",
  },
  {
    at: ref("k1l", "d1", "penyebut"),
    kind: "cross-table",
    id: "Penyebut D1 24.677 adalah jumlah layanan yang diselesaikan, bukan Total Permohonan Diterima di Tabel 4 (24.575)",
    en: "D1 denominator 24,677 is the number of completed services, not the applications received in Tabel 4 (24,575)",
  },
  {
    at: ref("k1l", "d1", "nxb"),
    kind: "recompute",
    minor: true,
    id: "D1 × 70% = 94,75 × 0,7 = 66,33, tertulis 66,32",
    en: "D1 × 70% = 94.75 × 0.7 = 66.33, written 66.32",
  },
  {
    at: ref("k1l", "d2", "penyebut"),
    also: [ref("k1l", "d2", "nilai")],
    kind: "digit-grouping",
    id: 'Penyebut D2 "23.2547" pengelompokan ribuan rusak (tersimpan sebagai teks); jumlah Total Permohonan Sesuai Syarat di Tabel 5 = 23.257',
    en: 'D2 denominator "23.2547" has broken thousands grouping (stored as text); Tabel 5 requests meeting requirements total 23,257',
  },
  {
    at: ref("k1l", "d2", "nxb"),
    kind: "recompute",
    minor: true,
    id: "D2 × 30% = 99,99 × 0,3 = 30,00, tertulis 29,99",
    en: "D2 × 30% = 99.99 × 0.3 = 30.00, written 29.99",
  },
  {
    at: ref("k1l", "k1", "nilai"),
    kind: "recompute",
    minor: true,
    id: "K1 = 94,75 × 70% + 99,99 × 30% = 96,32, tertulis 96,31",
    en: "K1 = 94.75 × 70% + 99.99 × 30% = 96.32, written 96.31",
  },
  // Tabel 6, waktu pelayanan, K2 (layanan)
  {
    at: ref("t6", "kup_itk", "total"),
    also: [ref("t6", "kup_itk", "terbit"), ref("t6", "kup_itk", "selesai")],
    kind: "ratios",
    id: "Kupang Perpanjangan ITK: diselesaikan 731+14 = 745 melebihi Total Permohonan 723",
    en: "Kupang ITK extension: 731+14 = 745 completed exceeds the 723 applications",
  },
  {
    at: ref("t6", "kup_itas", "total"),
    also: [ref("t6", "kup_itas", "terbit"), ref("t6", "kup_itas", "selesai")],
    kind: "ratios",
    id: "Kupang Perpanjangan ITAS: terbit 173 melebihi Total Permohonan 128",
    en: "Kupang ITAS extension: 173 issued exceeds the 128 applications",
  },
  {
    at: ref("t6", "kup_itap", "total"),
    also: [ref("t6", "kup_itap", "terbit"), ref("t6", "kup_itap", "selesai")],
    kind: "ratios",
    id: "Kupang Perpanjangan ITAP: terbit 33 melebihi Total Permohonan 32",
    en: "Kupang ITAP extension: 33 issued exceeds the 32 applications",
  },
  {
    at: ref("t6w", "kup_itap_itas", "jenis"),
    kind: "cross-table",
    id: 'Jenis layanan "Alih status ITAP ke ITAS" terbalik; baris yang sama di Tabel 6 adalah "Alih Status ITAS ke ITAP"',
    en: 'Service "Alih status ITAP ke ITAS" is reversed; the same row in Tabel 6 is "Alih Status ITAS ke ITAP"',
  },
  {
    at: ref("t6w", "ata_itk", "sop"),
    also: [ref("t6w", "ata_alih", "sop")],
    kind: "units",
    id: "Kolom Lama Pelayanan (SOP) Atambua berisi 18 dan 17, yaitu jumlah permohonan, bukan lama layanan dalam hari",
    en: "Atambua's service time (SOP) column holds 18 and 17, the application counts, not a duration in days",
  },
  {
    at: ref("t6w", "mau_itk", "upt"),
    also: [ref("t6w", "mau_alih", "upt"), ref("t6w", "mau_itk", "no")],
    kind: "cross-table",
    id: "Baris No 3 (Perpanjangan ITK 341) tanpa nama UPT; nama Kanim Maumere tercetak di baris berikutnya sehingga baris ini terbaca milik Atambua",
    en: "Row No 3 (ITK extension 341) has no office name; Kanim Maumere is printed on the next row, so this row reads as Atambua's",
  },
  {
    at: ref("t6w", "mau_itk", "syarat"),
    also: [ref("t6w", "mau_itk", "tepat"), ref("t6", "mau_itk", "total")],
    kind: "cross-table",
    id: "Maumere Perpanjangan ITK 341 (sesuai syarat dan tepat waktu), Tabel 6 mencatat 314 permohonan dan 314 terbit (digit tertukar)",
    en: "Maumere ITK extension 341 (meeting requirements and on time) while Tabel 6 records 314 applications and 314 issued (transposed digits)",
  },
  {
    at: ref("t6w", "lbj_itk", "upt"),
    kind: "cross-table",
    id: 'Nama UPT "Kanim Kels II TPI Labuan Bajo" salah eja, tidak cocok dengan "Kanim Kelas II TPI Labuan Bajo" di tabel lain',
    en: 'Office name "Kanim Kels II TPI Labuan Bajo" is misspelt and does not match "Kanim Kelas II TPI Labuan Bajo" in the other tables',
  },
  {
    at: ref("k2l", "d1", "pembilang"),
    kind: "cross-table",
    id: "Pembilang D1 1.731 hanya jumlah Terbit di Tabel 6; layanan yang diselesaikan (Terbit+Ditolak) berjumlah 1.757",
    en: "D1 numerator 1,731 is the sum of issued permits only; completed services (issued+rejected) in Tabel 6 total 1,757",
  },
  {
    at: ref("k2l", "d1", "penyebut"),
    kind: "cross-table",
    id: "Penyebut D1 1.757 adalah jumlah layanan yang diselesaikan, bukan Total Permohonan di Tabel 6 (1.689)",
    en: "D1 denominator 1,757 is the number of completed services, not the applications in Tabel 6 (1,689)",
  },
  {
    at: ref("k2l", "d2", "penyebut"),
    also: [ref("k2l", "d2", "pembilang")],
    kind: "cross-table",
    id: "Penyebut D2 1.758 dan pembilang 1.552 memakai 341 untuk Maumere; dengan 314 seperti Tabel 6 menjadi 1.731 dan 1.525",
    en: "D2 denominator 1,758 and numerator 1,552 use 341 for Maumere; with Tabel 6's 314 they are 1,731 and 1,525",
  },
  {
    at: ref("k2l", "k2", "nilai"),
    kind: "recompute",
    id: "K2 = 68,96 + 26,48 = 95,44, tertulis 95,17",
    en: "K2 = 68.96 + 26.48 = 95.44, written 95.17",
  },
  // IKK Layanan
  {
    at: ref("xl", "k1", "kxw"),
    kind: "recompute",
    minor: true,
    id: "K1 × 50% = 96,31 × 0,5 = 48,155 ≈ 48,16, tertulis 48,15",
    en: "K1 × 50% = 96.31 × 0.5 = 48.155 ≈ 48.16, written 48.15",
  },
  {
    at: ref("xl", "k2", "kxw"),
    kind: "recompute",
    minor: true,
    id: "K2 × 50% = 95,17 × 0,5 = 47,585 ≈ 47,59, tertulis 47,58",
    en: "K2 × 50% = 95.17 × 0.5 = 47.585 ≈ 47.59, written 47.58",
  },
  {
    at: ref("xl", "x", "nilai"),
    kind: "recompute",
    minor: true,
    id: "X = 48,155 + 47,585 = 95,74, tertulis 95,73 (K2 sendiri seharusnya 95,44)",
    en: "X = 48.155 + 47.585 = 95.74, written 95.73 (and K2 itself should be 95.44)",
  },
  // Gakum data
  {
    at: ref("t8", "lbj_0", "upt"),
    kind: "cross-table",
    id: 'Nama UPT "Kanim Kels II TPI Labuan Bajo" salah eja, tidak cocok dengan "Kanim Kelas II TPI Labuan Bajo" di tabel lain',
    en: 'Office name "Kanim Kels II TPI Labuan Bajo" is misspelt and does not match "Kanim Kelas II TPI Labuan Bajo" in the other tables',
  },
  {
    at: ref("t9", "ata_bb", "jumlah"),
    also: [ref("t9", "ata_bb")],
    kind: "units",
    id: "Pengenaan Biaya Beban 675.500.000 adalah nilai Rupiah di kolom jumlah tindakan (kasus)",
    en: "Pengenaan Biaya Beban 675,500,000 is a Rupiah amount in a column that counts actions (cases)",
  },
  {
    at: ref("t10", "lbj_10", "desa"),
    also: [ref("t10", "lbj_10"), ref("t10", "lbj_1", "desa")],
    kind: "duplicates",
    id: "Desa Batu Cermin Kab. Manggarai Barat tercatat dua kali (tahun 2024 dan 2025)",
    en: "Desa Batu Cermin Kab. Manggarai Barat is listed twice (2024 and 2025)",
  },
  {
    at: ref("t11", "lbj_4b", "kegiatan"),
    also: [ref("t11", "lbj_4b"), ref("t11", "lbj_4", "kegiatan")],
    kind: "duplicates",
    id: "Sambungan uraian Rapat Koordinasi (terpotong pindah halaman) tercatat sebagai baris kegiatan tersendiri tanpa tanggal; jumlah kegiatan menjadi 18, bukan 17 (pembilang D1 K5)",
    en: "The continuation of the coordination meeting's text (split by a page break) sits on its own row without a date; the activities count 18 instead of 17 (K5 D1 numerator)",
  },
  {
    at: ref("t12", "ata", "periksa"),
    kind: "cross-table",
    id: "Pemeriksaan Atambua 402.021 tidak sama dengan jumlah perlintasan Atambua di Tabel 23 (669.118)",
    en: "Atambua's 402,021 inspections differ from Atambua's crossings in Tabel 23 (669,118)",
  },
  {
    at: ref("t12", "lbj", "periksa"),
    also: [ref("t12", "lbj", "langgar"), ref("t12", "lbj", "autogate")],
    kind: "cross-table",
    id: 'Labuan Bajo ditulis "-" padahal Tabel 23 mencatat 91.362 pelintas',
    en: 'Labuan Bajo is written "-" although Tabel 23 records 91,362 crossings',
  },
  // Perhitungan Gakum
  {
    at: ref("i1", "d2", "bobot"),
    kind: "weights",
    id: "Bobot D2 tertulis 70% (D1 40% + D2 70% = 110%), sedangkan rumus I1 memakai 60%",
    en: "D2 weight written as 70% (D1 40% + D2 70% = 110%) while the I1 formula uses 60%",
  },
  {
    at: ref("i1", "d1", "nilai"),
    also: [ref("i1", "d2", "nilai"), ref("i1", "d1", "kebijakan"), ref("i1", "d2", "kebijakan")],
    kind: "ratios",
    id: "D1 dan D2 = 0/0 ditulis 0 tanpa kebijakan pembagian nol yang dinyatakan",
    en: "D1 and D2 = 0/0 are written as 0 with no stated policy for division by zero",
  },
  {
    at: ref("kg2", "k2", "pembilang"),
    also: [ref("t24", "kanwil_1", "jumlah")],
    kind: "cross-table",
    id: "Pembilang K2 (pengawasan yang dilaksanakan) 192, sedangkan Data Pengawasan Tabel 24 berjumlah 299",
    en: "K2 numerator (supervisions carried out) is 192 while the supervision data in Tabel 24 total 299",
  },
  {
    at: ref("kg5", "d2", "nilai"),
    kind: "polarity",
    id: "D2 (tingkat pelanggaran, polaritas negatif) dihitung sebagai rasio biasa 269/310 = 86,77; dengan polaritas negatif (2 − t/(t−1)) × 100 = 113,23",
    en: "D2 (violation rate, negative polarity) is computed as a plain ratio 269/310 = 86.77; with negative polarity (2 − t/(t−1)) × 100 = 113.23",
  },
  {
    at: ref("kg5", "d3", "nilai"),
    kind: "polarity",
    id: "D3 (polaritas negatif) 4/1 = 400 dihitung sebagai capaian positif (+20 pada K5); penolakan keberangkatan naik empat kali lipat sehingga nilainya (2 − 4) × 100, dibatasi 0",
    en: "D3 (negative polarity) 4/1 = 400 counts as a positive score (+20 on K5); departure refusals quadrupled, so the score is (2 − 4) × 100, floored at 0",
  },
  {
    at: ref("kg5", "d4", "pembilang"),
    kind: "cross-table",
    id: "Pembilang D4 22 desa binaan, Tabel 10 memuat 21 baris (20 desa unik); D4 = 104,76 melebihi 100",
    en: "D4 numerator 22 villages while Tabel 10 lists 21 rows (20 distinct villages); D4 = 104.76 exceeds 100",
  },
  {
    at: ref("kg6", "d1", "penyebut"),
    also: [ref("kg6", "d1", "pembilang")],
    kind: "cross-table",
    id: "Jumlah pelintas 406.519 (= jumlah Tabel 12) tidak sama dengan jumlah perlintasan Tabel 23 (764.978)",
    en: "406,519 crossings (= the Tabel 12 total) differ from the Tabel 23 total of 764,978",
  },
  {
    at: ref("kg6", "d3", "penyebut"),
    also: [ref("kg6", "d3", "nilai")],
    kind: "ratios",
    id: "Penyebut D3 (jumlah pelintas di TPI) ditulis 0 sehingga 0/0, padahal D1 memakai 406.519 pelintas",
    en: "D3 denominator (crossings at the checkpoints) is written 0, giving 0/0, although D1 uses 406,519 crossings",
  },
  {
    at: ref("xg", "k5", "kxw"),
    kind: "recompute",
    minor: true,
    id: "K5 × 10% = 102,08 × 0,1 = 10,21, tertulis 10,2",
    en: "K5 × 10% = 102.08 × 0.1 = 10.21, written 10.2",
  },
  {
    at: ref("xg", "x", "nilai"),
    kind: "recompute",
    id: "X = Σ Ki × Wi = 14 + 16,41 + 19,55 + 8,79 + 10,21 + 18 = 86,97, tertulis 86,95",
    en: "X = Σ Ki × Wi = 14 + 16.41 + 19.55 + 8.79 + 10.21 + 18 = 86.97, written 86.95",
  },
  // Tabel 16
  {
    at: ref("t16", "p1", "persen"),
    kind: "recompute",
    minor: true,
    id: "305.272.097 / 384.013.000 = 79,50%, tertulis 79,49%",
    en: "305,272,097 / 384,013,000 = 79.50%, written 79.49%",
  },
  {
    at: ref("t16", "c1", "persen"),
    kind: "recompute",
    minor: true,
    id: "305.272.097 / 384.013.000 = 79,50%, tertulis 79,49%",
    en: "305,272,097 / 384,013,000 = 79.50%, written 79.49%",
  },
  {
    at: ref("t16", "p2", "persen"),
    kind: "recompute",
    id: "1.114.081.167 / 1.629.443.000 = 68,37%, tertulis 79,49% (disalin dari baris layanan)",
    en: "1,114,081,167 / 1,629,443,000 = 68.37%, written 79.49% (copied from the service row)",
  },
  {
    at: ref("t16", "c2", "persen"),
    kind: "recompute",
    id: "1.114.081.167 / 1.629.443.000 = 68,37%, tertulis 79,49% (disalin dari baris layanan)",
    en: "1,114,081,167 / 1,629,443,000 = 68.37%, written 79.49% (copied from the service row)",
  },
  // Tabel 17
  {
    at: ref("t17", "barang", "x24"),
    kind: "recompute",
    id: "Belanja Barang 2024: 3.707.934.092 / 3.722.548.000 = 99,61%, tertulis 99.53",
    en: "Goods spending 2024: 3,707,934,092 / 3,722,548,000 = 99.61%, written 99.53",
  },
  {
    at: ref("t17", "barang", "x24"),
    kind: "text-number",
    id: 'Persentase "99.53" tersimpan sebagai teks dengan titik desimal gaya Inggris',
    en: 'Percentage "99.53" is stored as text with an English decimal point',
  },
  {
    at: ref("t17", "jumlah", "r24"),
    kind: "totals",
    id: "JUMLAH realisasi 2024 3.707.965.092 tidak sama dengan jumlah baris 3.707.934.092 (selisih 31.000)",
    en: "2024 realisation total 3,707,965,092 differs from the sum of the rows, 3,707,934,092 (31,000 apart)",
  },
  {
    at: ref("t17", "jumlah", "x24"),
    kind: "recompute",
    id: "JUMLAH 2024: realisasi/pagu = 99,61%, tertulis 99.53",
    en: "2024 total: realisation/ceiling = 99.61%, written 99.53",
  },
  {
    at: ref("t17", "jumlah", "x24"),
    kind: "text-number",
    id: 'Persentase "99.53" tersimpan sebagai teks dengan titik desimal gaya Inggris',
    en: 'Percentage "99.53" is stored as text with an English decimal point',
  },
  {
    at: ref("t17", "jumlah", "r25"),
    also: [ref("t17", "barang", "r25"), ref("t16", "total", "realisasi")],
    kind: "cross-table",
    id: "JUMLAH realisasi 2025 5.679.617.633 tidak sama dengan total realisasi Tabel 16 (5.679.617.677), selisih 44",
    en: "2025 realisation total 5,679,617,633 differs from the Tabel 16 total (5,679,617,677) by 44",
  },
  ...(
    [
      ["pegawai", "99.01"],
      ["barang", "77.83"],
      ["modal", "99.02"],
      ["jumlah", "89.1"],
    ] as const
  ).map(
    ([r, v]): KnownErrorDef => ({
      at: ref("t17", r, "x25"),
      kind: "text-number",
      id: `Persentase "${v}" tersimpan sebagai teks dengan titik desimal gaya Inggris`,
      en: `Percentage "${v}" is stored as text with an English decimal point`,
    }),
  ),
  // Tabel 18 and 19
  {
    at: ref("t18", "c3a", "anggaran"),
    also: [ref("t18", "c3a", "realisasi"), ref("t18", "c3a", "persen"), ref("t18", "p3", "anggaran")],
    kind: "totals",
    id: "Baris indikator Rencana Aksi RB sama persis dengan induknya (48.485.653.000); induk tidak sama dengan jumlah kedua indikatornya (48.485.653.000 + 23.659.102.000 = 72.144.755.000)",
    en: "The RB action-plan indicator row repeats its parent (48,485,653,000); the parent is not the sum of its two indicators (48,485,653,000 + 23,659,102,000 = 72,144,755,000)",
  },
  {
    at: ref("t19", "jumlah", "p25"),
    also: [ref("t19", "barang", "p25"), ref("t18", "total", "anggaran")],
    kind: "cross-table",
    id: "Pagu 2025 satuan kerja 66.386.458.000 tidak sama dengan total Tabel 18 (59.913.758.000)",
    en: "The offices' 2025 ceiling 66,386,458,000 differs from the Tabel 18 total (59,913,758,000)",
  },
  {
    at: ref("t19", "jumlah", "r25"),
    also: [ref("t19", "barang", "r25"), ref("t18", "total", "realisasi")],
    kind: "cross-table",
    id: "Realisasi 2025 satuan kerja 56.497.658.266 tidak sama dengan total Tabel 18 (56.669.143.961)",
    en: "The offices' 2025 realisation 56,497,658,266 differs from the Tabel 18 total (56,669,143,961)",
  },
  ...(
    [
      ["pegawai", "x24", "98.94"],
      ["pegawai", "x25", "98.46"],
      ["barang", "x24", "94.79"],
      ["barang", "x25", "72.69"],
      ["modal", "x24", "97.20"],
      ["modal", "x25", "97.18"],
      ["jumlah", "x24", "96.54"],
      ["jumlah", "x25", "85.10"],
    ] as const
  ).map(
    ([r, c, v]): KnownErrorDef => ({
      at: ref("t19", r, c),
      kind: "text-number",
      id: `Persentase "${v}" tersimpan sebagai teks dengan titik desimal gaya Inggris`,
      en: `Percentage "${v}" is stored as text with an English decimal point`,
    }),
  ),
  // IKPA
  {
    at: ref("t21", "y2025", "tagihan"),
    also: [ref("omspan", "tagihan", "nilai")],
    kind: "cross-table",
    id: "Penyelesaian Tagihan 2025 tertulis 0,00 sedangkan OM SPAN menyatakan 100,00",
    en: "Invoice settlement 2025 is written 0.00 while OM SPAN states 100.00",
  },
  {
    at: ref("ikpa_bobot", "deviasi", "bobot"),
    also: [ref("omspan", "deviasi", "bobot")],
    kind: "weights",
    id: "Bobot Deviasi Halaman III DIPA di uraian 10%, OM SPAN memakai 15",
    en: "The narrative gives Deviasi Halaman III DIPA a 10% weight; OM SPAN uses 15",
  },
  {
    at: ref("ikpa_bobot", "dispensasi", "bobot"),
    also: [ref("ikpa_bobot", "dispensasi", "keterangan")],
    kind: "weights",
    id: "Dispensasi SPM diberi bobot 5%, padahal di OM SPAN ia pengurang nilai, bukan komponen berbobot",
    en: "Dispensasi SPM is given a 5% weight although OM SPAN treats it as a deduction, not a weighted component",
  },
  // Tabel 22 and 25
  {
    at: ref("t22", "kup_1", "jumlah"),
    also: [ref("t22", "kup_2", "jumlah"), ref("t22", "kup_3"), ref("t22", "kup_4"), ref("t22", "kup_5"), ref("t22", "kup_6"), ref("t4", "kup_psp", "terbit")],
    kind: "cross-table",
    id: "Kupang: paspor terbit dirinci dua kali (per jenis 2.399 + 8.059 dan per masa berlaku 2.317 + 82 + 6.659 + 1.400, masing-masing 10.458), jumlah baris 20.916; keduanya tidak sama dengan Terbit Tabel 4 (11.757)",
    en: "Kupang: issued passports are broken down twice (by type 2,399 + 8,059 and by validity 2,317 + 82 + 6,659 + 1,400, 10,458 each), 20,916 in all; neither equals Tabel 4's 11,757 issued",
  },
  {
    at: ref("t22", "ata_2", "jumlah"),
    also: [ref("t4", "ata_psp", "terbit")],
    kind: "cross-table",
    id: "Atambua: paspor terbit 2.199 + 859 + 3.139 + 1.677 = 7.874, Tabel 4 mencatat 7.855 (selisih 19)",
    en: "Atambua: 2,199 + 859 + 3,139 + 1,677 = 7,874 passports issued, Tabel 4 records 7,855 (19 apart)",
  },
  {
    at: ref("t25", "kup_1", "gakum"),
    also: [ref("t25", "kup_1", "jumlah"), ref("t9", "kup_dep", "jumlah"), ref("t9", "kup_dup", "jumlah")],
    kind: "cross-table",
    id: "Kupang: 67 dicatat sebagai Deportasi dan Usulan Penangkalan; Tabel 9 mencatat Deportasi 67 dan Deportasi dan Usulan Penangkalan 0",
    en: "Kupang: 67 is recorded as deportation with proposed ban; Tabel 9 has 67 deportations and 0 deportations with proposed ban",
  },
  {
    at: ref("t25", "ata_1", "jumlah"),
    also: [ref("t25", "ata_1", "gakum"), ref("t25", "ata_3", "gakum"), ref("t9", "ata_hrs", "jumlah")],
    kind: "cross-table",
    id: 'Atambua: Tabel 25 berjumlah 54 + 69 + 58 = 181, TAK Atambua di Tabel 9 berjumlah 192; Pendetensian 54 bukan TAK, "Keharusan untuk bertempat tinggal" 67 tidak tercatat, dan "Penangkalan" 58 adalah Deportasi dan Usulan Penangkalan',
    en: 'Atambua: Tabel 25 sums to 54 + 69 + 58 = 181 while Atambua\'s TAK in Tabel 9 sum to 192; detention (54) is not a TAK, the 67 "obligation to reside" actions are missing, and "Penangkalan" 58 is deportation with proposed ban',
  },
  {
    at: ref("t25", "ata_2", "jumlah"),
    also: [ref("t9", "ata_dep", "jumlah")],
    kind: "cross-table",
    id: "Atambua Deportasi 69, Tabel 9 mencatat 67",
    en: "Atambua deportations 69, Tabel 9 records 67",
  },
  {
    at: ref("t25", "mau_4", "jumlah"),
    also: [ref("t9", "mau_pem", "jumlah")],
    kind: "cross-table",
    id: 'Maumere Pembatasan, Perubahan, atau Pembatalan Izin Tinggal 1, Tabel 9 mencatat "-"',
    en: 'Maumere restriction/change/cancellation of stay permit 1, Tabel 9 records "-"',
  },
];

/** The known errors resolved to sheets and A1 addresses of the standard, uncorrected layout. */
export function knownErrors(): KnownError[] {
  const model = sampleModel({ layout: "standard", corrected: false });
  const locate = (r: SampleRef): { sheet: string; a1: string; table: string } | undefined => {
    const pl = model.placements.get(r.t);
    if (!pl) throw new Error(`known error names unknown table ${r.t}`);
    const row = pl.rowNum.get(r.r);
    if (row === undefined) throw new Error(`known error names unknown row ${r.t}.${r.r}`);
    const col = r.c === undefined ? Math.min(...pl.colNum.values()) : pl.colNum.get(r.c);
    if (col === undefined) return undefined; // a column that only the corrected data have
    return { sheet: pl.sheet, a1: a1(row, col), table: pl.table.label };
  };
  return KNOWN_ERROR_DEFS.map((def) => {
    const at = locate(def.at);
    if (!at) throw new Error(`known error at ${JSON.stringify(def.at)} does not exist in the uncorrected layout`);
    const also: string[] = [];
    for (const r of def.also ?? []) {
      const l = locate(r);
      if (!l) continue;
      const text = l.sheet === at.sheet ? l.a1 : `${quoteSheet(l.sheet)}!${l.a1}`;
      if (!also.includes(text) && text !== at.a1) also.push(text);
    }
    const out: KnownError = { sheet: at.sheet, table: at.table, cell: at.a1, what_id: def.id, what_en: def.en, kind: def.kind };
    if (also.length) out.also = also;
    if (def.minor) out.minor = true;
    return out;
  });
}
