/**
 * Reads an uploaded .xlsx in a Web Worker (read.worker.ts), so that the page keeps responding while
 * a large workbook is parsed. Where no worker can be made, or its script fails to load, the file is
 * read on this thread as before. One worker per read: reading is rare, and its memory goes with it.
 */
import type { WorkbookSnapshot } from "../core/snapshot.js";
import type { ReadFailure, ReadRequest, ReadResponse } from "./read.worker.js";

async function readHere(data: ArrayBuffer, name: string): Promise<WorkbookSnapshot> {
  const { readXlsx } = await import("../io/xlsx.js");
  return readXlsx(data, name);
}

/** The error a failed read threw in the worker, rebuilt with the fields the page shows (XlsxReadError's kind and messages). */
export function rebuildError(f: ReadFailure): Error {
  const e = new Error(f.message) as Error & Partial<ReadFailure>;
  e.name = f.name;
  if (f.kind !== undefined) e.kind = f.kind;
  if (f.messageId !== undefined) e.messageId = f.messageId;
  if (f.messageEn !== undefined) e.messageEn = f.messageEn;
  return e;
}

export function readWorkbookOffThread(data: ArrayBuffer, name: string): Promise<WorkbookSnapshot> {
  let worker: Worker;
  try {
    if (typeof Worker === "undefined") return readHere(data, name);
    // webpack 5 recognises this form and emits the worker as its own chunk.
    worker = new Worker(new URL("./read.worker.ts", import.meta.url));
  } catch {
    return readHere(data, name);
  }
  return new Promise<WorkbookSnapshot>((resolve, reject) => {
    let done = false;
    const finish = () => {
      done = true;
      worker.terminate();
    };
    worker.onmessage = (ev: MessageEvent<ReadResponse>) => {
      if (done) return;
      finish();
      const msg = ev.data;
      if (msg.type === "done") resolve(msg.snapshot);
      else reject(rebuildError(msg.error));
    };
    // The worker script did not load or threw at top level: read on this thread instead.
    worker.onerror = (ev: ErrorEvent) => {
      if (done) return;
      ev.preventDefault();
      finish();
      readHere(data, name).then(resolve, reject);
    };
    try {
      // Copied, not transferred: the bytes stay here for the fallback (a copy of a few MB is cheap).
      const req: ReadRequest = { data, name };
      worker.postMessage(req);
    } catch {
      finish();
      readHere(data, name).then(resolve, reject);
    }
  });
}
