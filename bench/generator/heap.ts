/** A binary min-heap of records waiting for their place in the file, ordered by slot, then by insertion. */
export interface Scheduled<T> {
  slot: number;
  seq: number;
  item: T;
}

export class SlotHeap<T> {
  private readonly items: Scheduled<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(slot: number, item: T): void {
    this.items.push({ slot, seq: this.seq++, item });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peekSlot(): number {
    return this.items[0]?.slot ?? Infinity;
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.items.length && this.less(l, m)) m = l;
        if (r < this.items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top.item;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a] as Scheduled<T>;
    const y = this.items[b] as Scheduled<T>;
    return x.slot < y.slot || (x.slot === y.slot && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a] as Scheduled<T>;
    this.items[a] = this.items[b] as Scheduled<T>;
    this.items[b] = x;
  }
}
