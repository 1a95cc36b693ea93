/**
 * The custom functions metadata (functions.json): ids, names, parameters and Indonesian-first
 * descriptions. Reads dist/functions.json when a build newer than the source exists, otherwise runs
 * the same generator webpack's CustomFunctionsMetadataPlugin uses, on src/functions/functions.ts.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import * as functions from "../src/functions/functions.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = path.join(root, "src/functions/functions.ts");
const BUILT = path.join(root, "dist/functions.json");

interface ParameterMeta {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: "scalar" | "matrix";
  optional?: boolean;
  repeating?: boolean;
}

interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMeta[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}

interface GenerateResult {
  metadataJson: string;
  associate: { functionName: string; id: string }[];
  errors: string[];
}

/** [name, optional, range] for each parameter, in order. */
type Param = [name: string, optional: boolean, range: boolean];

const EXPECTED: Record<string, { params: Param[]; result: "number" | "string" }> = {
  CAPAIAN: {
    params: [["realisasi", false, false], ["target", false, false], ["polaritas", true, false], ["metode_negatif", true, false]],
    result: "number",
  },
  RASIO: {
    params: [
      ["pembilang", false, false],
      ["penyebut", false, false],
      ["skala", true, false],
      ["batas_atas", true, false],
      ["kebijakan_0_0", true, false],
    ],
    result: "number",
  },
  INDEKS_KOMPOSIT: { params: [["nilai_range", false, true], ["bobot_range", false, true]], result: "number" },
  IKK_LAYANAN: {
    params: [["data_range", false, true], ["waktu_range", true, true], ["bagian", true, false], ["kebijakan_0_0", true, false]],
    result: "number",
  },
  IKK_GAKUM: { params: [["data_range", false, true], ["bagian", true, false], ["kebijakan_0_0", true, false]], result: "number" },
  RATA_CAPAIAN: { params: [["capaian_range", false, true]], result: "number" },
  SERAPAN: { params: [["realisasi", false, false], ["pagu", false, false], ["blokir", true, false]], result: "number" },
  IKPA: { params: [["nilai_range", false, true], ["bobot_range", false, true], ["dispensasi", true, false]], result: "number" },
  PREDIKAT_IKPA: { params: [["nilai", false, false]], result: "string" },
  PREDIKAT_SAKIP: { params: [["nilai", false, false]], result: "string" },
  ANGKA_ID: { params: [["teks", false, false]], result: "number" },
  TEKS_ID: { params: [["angka", false, false], ["desimal", true, false]], result: "string" },
};

const IDS = Object.keys(EXPECTED);

/** Words that mark the Indonesian half of a description. */
const INDONESIAN = /\b(dan|atau|yang|dengan|dari|terhadap|untuk|nilai|angka|rentang|bawaan|hasil|jumlah|bobot|tabel|teks|capaian|pagu|predikat|rata-rata|membaca|menulis|pengali|pembilang|penyebut|anggaran|indeks|kunci|desimal|realisasi|target|opsional|dst|mis)\b/i;

/** "Indonesian text. / English text." with the Indonesian half first. */
function expectBilingual(text: string | undefined, where: string): void {
  expect(text, `${where}: description`).toBeTruthy();
  const [id, en, ...rest] = (text ?? "").split(" / ");
  expect(rest, `${where}: one " / " separator between Indonesian and English`).toHaveLength(0);
  expect(id?.trim().length, `${where}: Indonesian part`).toBeGreaterThan(3);
  expect(en?.trim().length, `${where}: English part`).toBeGreaterThan(3);
  expect(id, `${where}: Indonesian first`).toMatch(INDONESIAN);
}

let source = "";
let metadata: FunctionMeta[] = [];
let associations: GenerateResult["associate"] | undefined;

async function generate(): Promise<GenerateResult> {
  // custom-functions-metadata comes with custom-functions-metadata-plugin: resolve it from there.
  const requireHere = createRequire(import.meta.url);
  const requireFromPlugin = createRequire(requireHere.resolve("custom-functions-metadata-plugin"));
  const cfm = requireFromPlugin("custom-functions-metadata") as {
    generateCustomFunctionsMetadata(input: string | string[], wantConsoleOutput?: boolean): Promise<GenerateResult>;
  };
  return cfm.generateCustomFunctionsMetadata(SOURCE);
}

beforeAll(async () => {
  const fresh = existsSync(BUILT) && statSync(BUILT).mtimeMs >= statSync(SOURCE).mtimeMs;
  if (fresh) {
    source = "dist/functions.json";
    metadata = (JSON.parse(readFileSync(BUILT, "utf8")) as { functions: FunctionMeta[] }).functions;
  } else {
    const result = await generate();
    expect(result.errors).toEqual([]);
    source = "generator";
    metadata = (JSON.parse(result.metadataJson) as { functions: FunctionMeta[] }).functions;
    associations = result.associate;
  }
});

describe("custom functions metadata", () => {
  it("declares exactly the 12 promised ids, each with name = id", () => {
    expect(metadata.map((f) => f.id).sort(), `metadata from ${source}`).toEqual([...IDS].sort());
    for (const f of metadata) expect(f.name).toBe(f.id);
  });

  it.each(IDS)("%s has the promised parameters and result type", (id) => {
    const f = metadata.find((m) => m.id === id);
    expect(f).toBeDefined();
    if (!f) return;
    const expected = EXPECTED[id];
    if (!expected) throw new Error(`no expectation for ${id}`);
    expect(f.parameters).toHaveLength(expected.params.length);
    expected.params.forEach(([name, optional, range], i) => {
      const p = f.parameters[i];
      expect(p?.name, `${id} parameter ${i + 1}`).toBe(name);
      expect(p?.optional ?? false, `${id}.${name} optional`).toBe(optional);
      expect(p?.dimensionality ?? "scalar", `${id}.${name} dimensionality`).toBe(range ? "matrix" : "scalar");
      // `any`: Excel passes raw values and the core does the one coercion path.
      expect(p?.type ?? "any", `${id}.${name} type`).toBe("any");
      expect(p?.repeating ?? false).toBe(false);
    });
    // Optional parameters only at the end.
    const firstOptional = expected.params.findIndex(([, optional]) => optional);
    if (firstOptional >= 0) expect(expected.params.slice(firstOptional).every(([, optional]) => optional)).toBe(true);
    expect(f.result.type).toBe(expected.result);
    expect(f.result.dimensionality ?? "scalar").toBe("scalar");
    expect(f.options ?? {}).toEqual({});
  });

  it.each(IDS)("%s is described in Indonesian first, English after", (id) => {
    const f = metadata.find((m) => m.id === id);
    expectBilingual(f?.description, id);
    for (const p of f?.parameters ?? []) expectBilingual(p.description, `${id}.${p.name}`);
  });

  it("associates every id with the exported function of the same name", () => {
    const exported = functions as unknown as Record<string, unknown>;
    for (const id of IDS) expect(typeof exported[id], id).toBe("function");
    if (associations) {
      expect(associations.map((a) => [a.id, a.functionName]).sort()).toEqual(IDS.map((id) => [id, id]).sort());
    }
  });
});
