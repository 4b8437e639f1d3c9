/**
 * The demo seed's randomness: mulberry32 from a fixed seed, so two runs of the seed make identical rows.
 * Dates are whole-day ISO strings (app/compliance/dates.ts), never the clock.
 */
import { fromDayNumber, toDayNumber } from "../../app/compliance/dates";

/** mulberry32 with the few draws the demo modules need. */
export class DemoRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  /** A date in [from, to] inclusive. */
  date(from: string, to: string): string {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    return fromDayNumber(b <= a ? a : this.int(a, b));
  }
}

/** n stories in proportion to the weights (largest remainders), unshuffled. */
export function deckOf<T>(weights: ReadonlyArray<readonly [T, number]>, n: number): T[] {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const exact = weights.map(([value, w]) => ({ value, share: (w / total) * n }));
  const counts = exact.map((e) => Math.floor(e.share));
  let left = n - counts.reduce((s, c) => s + c, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e.share - Math.floor(e.share) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] += 1;
    left -= 1;
  }
  return exact.flatMap((e, i) => Array.from({ length: counts[i] }, () => e.value));
}
