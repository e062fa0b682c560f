interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the items submitted in the same turn of the event loop (up to `maxItems`) and
 * hands them to `flush` together, so a stage pays one round trip per batch instead of one
 * per item. Each caller still gets its own result; a failed flush fails every item in it.
 */
export class MicroBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private scheduled = false;

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly maxItems: number,
  ) {
    if (!Number.isInteger(maxItems) || maxItems < 1) throw new RangeError(`maxItems must be a positive integer, not ${maxItems}`);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxItems) this.flushNow();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flushNow());
      }
    });
  }

  private flushNow(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0, this.maxItems);
    if (batch.length === 0) return;
    if (this.waiting.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushNow());
    }
    this.flush(batch.map((w) => w.item)).then(
      (results) => {
        if (results.length !== batch.length) {
          const error = new Error(`a batch of ${batch.length} was answered with ${results.length} results`);
          batch.forEach((w) => w.reject(error));
          return;
        }
        batch.forEach((w, i) => w.resolve(results[i] as O));
      },
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }
}
