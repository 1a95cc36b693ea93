/**
 * Finding rows whose labels normalise to the same text without building the normalised text of
 * every row: a label is hashed as `normalizeLabel` would write it, and only labels whose hashes
 * meet are normalised and compared.
 */
import { labelCharCode, normalizeLabel } from "../../text.js";

/** FNV-1a step. */
function mix(h: number, ch: number): number {
  return Math.imul(h ^ ch, 16777619);
}

const FNV_OFFSET = 2166136261 | 0;

/** Sentinel of `normalizedHash` for a label that normalises to "". */
export const EMPTY_LABEL = 0;

/**
 * The FNV-1a hash of `normalizeLabel(s)` (never `EMPTY_LABEL`), or `EMPTY_LABEL` when it is "".
 * Plain ASCII is hashed as it is read (lower-cased, every run of other characters than [a-z0-9%] as
 * one space, trimmed); other text is normalised first.
 */
export function normalizedHash(s: string): number {
  const n = s.length;
  let h = FNV_OFFSET;
  // A word was hashed; a separator follows it (a space to hash before the next word, never a trailing one).
  let started = false;
  let gap = false;
  for (let i = 0; i < n; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 128) return hashClean(normalizeLabel(s));
    const l = WORD_CHAR[ch] as number;
    if (l === 0) {
      gap = started;
      continue;
    }
    if (gap) {
      h = mix(h, 32);
      gap = false;
    }
    started = true;
    h = mix(h, l);
  }
  return started ? nonEmpty(h) : EMPTY_LABEL;
}

/** Per ASCII code: the lower-case character it stands for in a normalised label, 0 for a separator. */
const WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD_CHAR[c] = labelCharCode(c);

/** The hash of an already normalised label. */
function hashClean(l: string): number {
  if (l === "") return EMPTY_LABEL;
  let h = FNV_OFFSET;
  for (let i = 0; i < l.length; i++) h = mix(h, l.charCodeAt(i));
  return nonEmpty(h);
}

function nonEmpty(h: number): number {
  return h === EMPTY_LABEL ? 1 : h;
}

const NO_LABELS = (): string => "";

/**
 * Labels seen so far, by the hash of their normalised text: `firstSame` says which earlier entry a
 * label repeats. Entries are numbers chosen by the caller (e.g. row indexes), with the label of each
 * given back by `labelOf`. Storage is reused by `reset`.
 */
export class LabelSet {
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private mask = 1023;
  private labelOf: (entry: number) => string = NO_LABELS;

  /** Forget every label; make room for `n` of them. */
  reset(n: number, labelOf: (entry: number) => string): void {
    this.labelOf = labelOf;
    let size = this.slots.length;
    while (size < n * 2) size *= 2;
    if (size !== this.slots.length) {
      this.slots = new Int32Array(size);
      this.hashes = new Int32Array(size);
      this.mask = size - 1;
    } else this.slots.fill(0);
  }

  /**
   * The earlier entry whose label normalises like `label` (hash `h` from `normalizedHash`, not
   * empty), or -1 after adding `entry` (≥ 0) as the first with that label.
   */
  firstSame(entry: number, label: string, h: number): number {
    const { slots, hashes, mask } = this;
    let norm: string | undefined;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = slots[i] as number;
      if (at === 0) {
        slots[i] = entry + 1;
        hashes[i] = h;
        return -1;
      }
      if (hashes[i] !== h) continue;
      // Equal hashes: compare the normalised labels themselves (a true repeat, or rarely a collision).
      norm ??= normalizeLabel(label);
      if (normalizeLabel(this.labelOf(at - 1)) === norm) return at - 1;
    }
  }
}
