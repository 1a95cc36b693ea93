/**
 * Reading table rows a column at a time. `TableRow.num` finds a column by its id and remembers the
 * last column asked for, so reading one column down all the rows is cheaper than reading several
 * columns row by row (each switch of column is a map lookup). A rule that combines several columns
 * of each row reads each column into a `ColumnValues` first, then walks the rows once.
 */
import { readColumnNumbers, type TableRow } from "../tables.js";

/**
 * The numbers of one column (or of a sum of columns) over a list of rows: `values[i]` is meaningful
 * when `has[i]` is not 0. The arrays are reused from one read to the next (and may be longer than
 * the rows): keep one instance per use within a rule's run (made by the run, so that nothing
 * outlives it), and use a read before reading into the instance again.
 */
export class ColumnValues {
  values = new Float64Array(256);
  has = new Uint8Array(256);

  private reset(n: number): void {
    if (this.values.length < n) {
      const size = Math.max(n, this.values.length * 2);
      this.values = new Float64Array(size);
      this.has = new Uint8Array(size);
    }
    this.values.fill(0, 0, n);
    this.has.fill(0, 0, n);
  }

  /**
   * Each row's number in a column instance; for a derived column, rows without a number of their own
   * get the sum of the derived column's parts (blanks as 0) when any part is given. With a `mask`,
   * only the rows whose entry is not 0 are read (the others have none).
   */
  read(rows: readonly TableRow[], col: string, g = 0, derived?: { sum: readonly string[] }, mask?: Uint8Array): this {
    const n = rows.length;
    this.reset(n);
    const { values, has } = this;
    if (!readColumnNumbers(rows, col, g, values, has, false, mask)) {
      for (let i = 0; i < n; i++) {
        if (mask && mask[i] === 0) continue;
        const v = (rows[i] as TableRow).num(col, g);
        if (v === null) continue;
        values[i] = v;
        has[i] = 1;
      }
    }
    if (derived) {
      // 2 marks a row whose value is a sum of parts (its own cell is blank).
      for (let p = 0; p < derived.sum.length; p++) {
        const part = derived.sum[p] as string;
        for (let i = 0; i < n; i++) {
          if (has[i] === 1 || (mask && mask[i] === 0)) continue;
          const v = (rows[i] as TableRow).num(part, g);
          if (v === null) continue;
          values[i] = (values[i] as number) + v;
          has[i] = 2;
        }
      }
    }
    return this;
  }

  /** Each row's sum of several column instances (blanks as 0), added in the order given; has[i] when any is given. */
  readSum(rows: readonly TableRow[], cols: readonly string[], g = 0): this {
    const n = rows.length;
    this.reset(n);
    const { values, has } = this;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c] as string;
      if (readColumnNumbers(rows, col, g, values, has, true)) continue;
      for (let i = 0; i < n; i++) {
        const v = (rows[i] as TableRow).num(col, g);
        if (v === null) continue;
        values[i] = (values[i] as number) + v;
        has[i] = 1;
      }
    }
    return this;
  }
}
