// The worker pool's waiting list: tasks by the order of the work they belong to (a consultation), first
// come first served within one order. Ordered by consultation, each one's later tasks (plan, report) go
// before the photos of consultations that came after it, so a burst finishes one consultation after another.

export class OrderedWaitList {
  private readonly items: { order: number; go: () => void }[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Adds a task; `go` is called when it is its turn. Returns `leave`: true when it was still waiting and is now out. */
  add(order: number, go: () => void): () => boolean {
    const item = { order, go };
    // after every item of the same or an earlier order (binary search: the list holds a few dozen)
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid].order <= order) lo = mid + 1;
      else hi = mid;
    }
    this.items.splice(lo, 0, item);
    return () => {
      const i = this.items.indexOf(item);
      if (i < 0) return false;
      this.items.splice(i, 1);
      return true;
    };
  }

  /** The next task's `go`, taken out of the list, or undefined when none waits. */
  shift(): (() => void) | undefined {
    return this.items.shift()?.go;
  }
}
