// Small bounded caches for derived strings. Evaluating 100,000 people repeats the same few hundred dates
// and sentences; sharing them keeps allocation (and garbage collection) down. Pure: keys fully determine values.

export class Memo2<V> {
  private readonly map = new Map<string | number, Map<string, V>>();
  private size = 0;
  // Most consecutive look-ups repeat the last key (everyone sharing the organisation's dates): check it first.
  private lastA: string | number | undefined;
  private lastB: string | undefined;
  private lastValue: V | undefined;
  constructor(private readonly limit = 50_000) {}

  get(a: string | number, b: string): V | undefined {
    if (a === this.lastA && b === this.lastB) return this.lastValue;
    const value = this.map.get(a)?.get(b);
    if (value !== undefined) {
      this.lastA = a;
      this.lastB = b;
      this.lastValue = value;
    }
    return value;
  }

  set(a: string | number, b: string, value: V): V {
    if (this.size >= this.limit) {
      this.map.clear();
      this.size = 0;
    }
    let inner = this.map.get(a);
    if (!inner) {
      inner = new Map();
      this.map.set(a, inner);
    }
    inner.set(b, value);
    this.size++;
    return value;
  }
}
