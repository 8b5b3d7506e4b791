// Typed arrays over SharedArrayBuffer, for everything a second thread may read or fill: the parsed
// columns, the string pages and the results of the passes that run beside the dominator tree
// (parallel/passHelper.ts). Shared memory costs nothing extra to allocate or access, and a structured
// clone of such an array hands the other thread the same memory rather than a copy.

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

export function sharedUint16(length: number): Uint16Array {
  return new Uint16Array(new SharedArrayBuffer(length * 2));
}

export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(length * 4));
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * 4));
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** A shared copy of the first `length` elements (TypedArray#slice would make an unshared one). */
export function sharedPrefix<T extends Uint8Array | Uint16Array | Uint32Array>(array: T, length: number): T {
  const copy = (array instanceof Uint8Array ? sharedUint8(length) : array instanceof Uint16Array ? sharedUint16(length) : sharedUint32(length)) as T;
  copy.set(array.subarray(0, length));
  return copy;
}
