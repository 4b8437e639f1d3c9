// A read-mostly map from staff id to value. Staff ids are database row ids, nearly always dense, so a plain
// array indexed by id is much faster than a Map for 100,000 look-ups; sparse or odd ids fall back to a Map.

export class StaffIdMap<T> {
  private readonly dense: Array<T | undefined> | null;
  private readonly sparse: Map<number, T> | null;
  readonly size: number;

  private constructor(entries: ReadonlyArray<readonly [number, T]>) {
    let maxId = -1;
    let denseOk = true;
    for (const [id] of entries) {
      if (!Number.isInteger(id) || id < 0) denseOk = false;
      else if (id > maxId) maxId = id;
    }
    // Dense when the array stays small (ids below 256k: at most 2 MB) or at least a quarter full.
    if (denseOk && (maxId < 262_144 || maxId < 4 * entries.length + 1024)) {
      const dense = new Array<T | undefined>(maxId + 1).fill(undefined);
      for (const [id, value] of entries) dense[id] = value;
      this.dense = dense;
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map(entries);
    }
    this.size = entries.length;
  }

  static fromEntries<T>(entries: ReadonlyArray<readonly [number, T]>): StaffIdMap<T> {
    return new StaffIdMap(entries);
  }

  /** Groups items by their staffId, keeping input order within each group. */
  static groupBy<T extends { staffId: number }>(items: readonly T[]): StaffIdMap<T[]> {
    const groups = new Map<number, T[]>();
    for (const item of items) {
      const list = groups.get(item.staffId);
      if (list) list.push(item);
      else groups.set(item.staffId, [item]);
    }
    return new StaffIdMap([...groups]);
  }

  get(id: number): T | undefined {
    if (this.dense) return id >= 0 && id < this.dense.length ? this.dense[id] : undefined;
    return this.sparse!.get(id);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): IterableIterator<[number, T]> {
    if (this.sparse) {
      yield* this.sparse.entries();
      return;
    }
    const dense = this.dense!;
    for (let id = 0; id < dense.length; id++) {
      const value = dense[id];
      if (value !== undefined) yield [id, value];
    }
  }

  *values(): IterableIterator<T> {
    for (const [, value] of this.entries()) yield value;
  }
}
