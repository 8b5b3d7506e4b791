// Binary search over sorted numbers, shared by every sorted index the engine keeps (ELF symbols,
// DWARF line rows and units, a core's mappings, a snapshot's first-edge column). Typed arrays of
// two element types reach it; V8's inline cache keeps that fast (measured: bench:core unchanged).

/** Index of the first element of `sorted` greater than `value` (its length when none is). */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
