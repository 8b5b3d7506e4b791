// Occurrences over time as a line of block characters (▁▃█…), one per equal slice of the span: the
// shape of a crash's history at a glance — steady, a burst, or new since a deploy.

const BARS = '▁▂▃▄▅▆▇█';

/** `timesMs` counted into `buckets` equal slices of [fromMs, toMs]; the busiest slice is a full bar, an empty one the lowest. */
export function sparkline(timesMs: readonly number[], fromMs: number, toMs: number, buckets = 12): string {
  const counts = new Array<number>(buckets).fill(0);
  const span = Math.max(1, toMs - fromMs);
  for (const t of timesMs) {
    if (t < fromMs || t > toMs) continue;
    counts[Math.min(buckets - 1, Math.floor(((t - fromMs) / span) * buckets))]++;
  }
  const max = Math.max(...counts);
  return counts.map((c) => (c === 0 || max === 0 ? BARS[0] : BARS[1 + Math.round(((c - 1) / Math.max(1, max - 1)) * (BARS.length - 2))])).join('');
}
