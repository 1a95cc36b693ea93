/** A stand-in Worker for page-side tests: records what the page posts and lets the test answer. */
export class FakeWorker {
  static last: FakeWorker | undefined;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: { preventDefault(): void }) => void) | null = null;
  posted: unknown[] = [];
  terminated = false;
  constructor(readonly url: URL) {
    FakeWorker.last = this;
  }
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  /** Answer as the worker would. */
  reply(data: unknown) {
    this.onmessage?.({ data });
  }
}
