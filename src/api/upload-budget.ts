// How many bytes of uploads the service reads at once. Every photo of an upload is held in memory from
// the moment it is read until its analysis ends, and a burst of big uploads (14 at once, 8 photos of
// 16 MiB each) took the process from 0.6 GB to 5.4 GB; the allocator then kept most of it, so the memory
// check answered 503 to everything for minutes. An upload is admitted only while its declared size fits
// the budget, before any of it is read.

export class UploadBudget {
  private used = 0;

  /** @param capacityBytes bytes of uploads that may be in flight at once */
  constructor(readonly capacityBytes: number) {
    if (!(Number.isSafeInteger(capacityBytes) && capacityBytes > 0)) throw new RangeError(`capacityBytes must be a whole number > 0, got ${capacityBytes}`);
  }

  get inFlightBytes(): number {
    return this.used;
  }

  /**
   * Reserves `bytes` (capped at the capacity, so one upload of any size can always run alone); returns the
   * release function (safe to call more than once), or null when it does not fit now.
   */
  reserve(bytes: number): (() => void) | null {
    if (!(Number.isFinite(bytes) && bytes >= 0)) throw new RangeError(`bytes must be a number >= 0, got ${bytes}`);
    const take = Math.min(Math.ceil(bytes), this.capacityBytes);
    if (this.used > 0 && this.used + take > this.capacityBytes) return null;
    this.used += take;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= take;
    };
  }
}
