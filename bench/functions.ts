/**
 * The custom-function benchmark cases (bench/run.ts, section "custom functions"), each timed in a
 * child process of its own:
 *
 *   node --expose-gc dist/node/bench/functions.js CASE SEED WARMUP REPS
 *
 * prints a JSON array of REPS wall times in ms, taken after WARMUP untimed repetitions; every
 * repetition starts with a GC. One process per case keeps the JIT state of one side (and of the bench's earlier
 * sections) from affecting another: both sides of a comparison start from the same fresh engine.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { capaian as capaianFormula } from "../src/core/formulas.js";
import * as core from "../src/core/sheetFunctions.js";
import * as F from "../src/functions/functions.js";
import { Rng } from "./gen.js";

export const CAPAIAN_CALLS = 1_000_000;
export const LAYANAN_ROWS = 100_000;

export interface FunctionInputs {
  /** CAPAIAN's realisations and targets: plain arrays of numbers, as Excel hands JS numbers. */
  r: number[];
  t: number[];
  /** IKK_LAYANAN's range: 7 columns, no header (komponen | diterima | terbit | ditolak | batal | sesuai | tepat). */
  data: unknown[][];
}

/** The seeded inputs, the same in every process. */
export function functionInputs(seed: number): FunctionInputs {
  const rng = new Rng(seed);
  const r: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < CAPAIAN_CALLS; i++) {
    t.push(1 + rng.int(0, 9900) / 100);
    r.push(rng.int(0, 12000) / 100);
  }
  const data: unknown[][] = [];
  for (let i = 0; i < LAYANAN_ROWS; i++) {
    const diterima = rng.int(100, 20000);
    const terbit = Math.floor(diterima * 0.8);
    const ditolak = Math.floor(diterima * 0.05);
    const batal = rng.int(0, diterima - terbit - ditolak);
    const sesuai = rng.int(100, 20000);
    data.push([i % 2 ? "K2" : "K1", diterima, terbit, ditolak, batal, sesuai, Math.floor(sesuai * (0.7 + 0.3 * rng.float()))]);
  }
  return { r, t, data };
}

/** What a careful hand-written CAPAIAN does: the same checks on numbers, the same arithmetic. */
export function handCapaian(r: unknown, t: unknown): number {
  if (typeof r !== "number" || typeof t !== "number" || !Number.isFinite(r) || !Number.isFinite(t)) throw new Error("#VALUE!");
  if (r < 0 || t < 0) throw new Error("#NUM!");
  if (t === 0) throw new Error("#DIV/0!");
  const x = (r / t) * 100;
  if (!Number.isFinite(x)) throw new Error("#NUM!");
  return x === 0 ? 0 : x;
}

/** A count cell of the hand-written loop: a finite number or an error. */
function handCount(v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error("#VALUE!");
  return v;
}

/**
 * Hand-written IKK Layanan over the 7-column headerless shape: the same numbers, with the same
 * checks on numeric input (finite counts, completed ≤ received, on time ≤ eligible, K1 or K2).
 */
export function handLayanan(rows: unknown[][]): number {
  let received1 = 0, completed1 = 0, eligible1 = 0, onTime1 = 0;
  let received2 = 0, completed2 = 0, eligible2 = 0, onTime2 = 0;
  for (const row of rows) {
    const received = handCount(row[1]);
    const completed = handCount(row[2]) + handCount(row[3]) + handCount(row[4]);
    const eligible = handCount(row[5]);
    const onTime = handCount(row[6]);
    if (completed > received || onTime > eligible) throw new Error("#NUM!");
    if (row[0] === "K1") {
      received1 += received;
      completed1 += completed;
      eligible1 += eligible;
      onTime1 += onTime;
    } else if (row[0] === "K2") {
      received2 += received;
      completed2 += completed;
      eligible2 += eligible;
      onTime2 += onTime;
    } else {
      throw new Error("#VALUE!");
    }
  }
  const k1 = (completed1 / received1) * 100 * 0.7 + (onTime1 / eligible1) * 100 * 0.3;
  const k2 = (completed2 / received2) * 100 * 0.7 + (onTime2 / eligible2) * 100 * 0.3;
  return k1 * 0.5 + k2 * 0.5;
}

let sink = 0;

/** The timed work of each case: one repetition. */
export const FUNCTION_CASES = {
  /** 1M calls of the custom function CAPAIAN(r; t). */
  "capaian.wrapper": ({ r, t }: FunctionInputs) => () => {
    let s = 0;
    for (let i = 0; i < CAPAIAN_CALLS; i++) s += F.CAPAIAN(r[i], t[i]);
    sink += s;
  },
  "capaian.hand": ({ r, t }: FunctionInputs) => () => {
    let s = 0;
    for (let i = 0; i < CAPAIAN_CALLS; i++) s += handCapaian(r[i], t[i]);
    sink += s;
  },
  /** The core function without the custom-function wrapper (try/catch, result check). */
  "capaian.core": ({ r, t }: FunctionInputs) => () => {
    let s = 0;
    for (let i = 0; i < CAPAIAN_CALLS; i++) s += core.CAPAIAN(r[i], t[i]);
    sink += s;
  },
  /** The formula with its checks, no argument coercion. */
  "capaian.formula": ({ r, t }: FunctionInputs) => () => {
    let s = 0;
    for (let i = 0; i < CAPAIAN_CALLS; i++) s += capaianFormula(r[i] ?? 0, t[i] ?? 0);
    sink += s;
  },
  /** r / t × 100 with no checks at all: a floor. */
  "capaian.bare": ({ r, t }: FunctionInputs) => () => {
    let s = 0;
    for (let i = 0; i < CAPAIAN_CALLS; i++) s += ((r[i] ?? 0) / (t[i] ?? 1)) * 100;
    sink += s;
  },
  /** 1 call of IKK_LAYANAN(data) over 100k rows × 7 columns. */
  "layanan.wrapper": ({ data }: FunctionInputs) => () => void (sink += F.IKK_LAYANAN(data)),
  "layanan.hand": ({ data }: FunctionInputs) => () => void (sink += handLayanan(data)),
} as const;

export type FunctionCase = keyof typeof FUNCTION_CASES;

/** Times one case in this process: `warmup` untimed repetitions, then `reps` timed ones. */
export function timeCase(name: FunctionCase, seed: number, warmup: number, reps: number): number[] {
  const gc = vm.runInNewContext("gc") as () => void; // needs --expose-gc
  const run = FUNCTION_CASES[name](functionInputs(seed));
  const times: number[] = [];
  // Warm-up repetitions run exactly like the timed ones (a GC, then the work): a full GC can drop
  // code compiled mid-loop, so the first repetitions after the first GCs may still be unsettled.
  for (let i = 0; i < warmup + reps; i++) {
    gc();
    const t0 = performance.now();
    run();
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return times;
}

/** Times one case in a fresh child process (this file, run with --expose-gc). */
export function timeCaseInChild(name: FunctionCase, seed: number, warmup: number, reps: number): number[] {
  const child = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), name, String(seed), String(warmup), String(reps)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`benchmark case ${name} failed (${child.status ?? child.signal}): ${child.stderr.slice(0, 400)}`);
  return JSON.parse(child.stdout.trim().split("\n")[0] ?? "[]") as number[];
}

// Run as a child process: time one case and print the times.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [name, seed, warmup, reps] = process.argv.slice(2);
  if (!name || !Object.hasOwn(FUNCTION_CASES, name)) throw new Error(`unknown case ${name}; one of ${Object.keys(FUNCTION_CASES).join(", ")}`);
  const times = timeCase(name as FunctionCase, Number(seed), Number(warmup), Number(reps));
  process.stdout.write(`${JSON.stringify(times)}\n`);
  if (sink === 42) process.stdout.write("\n"); // keep the results alive
}
