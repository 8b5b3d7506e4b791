// V8's tagged words on x86-64 without pointer compression (how official Node builds are configured):
// a Smi keeps its 32-bit value in the upper half and zeros below (SmiTag 0, SmiShiftSize 31); a
// strong heap pointer has low bits 01, a weak one 11 (HeapObjectTag 1, weak tag 3). ProcessMemory
// reads a word as `upper * 2^32 + lower`, which is exact for both shapes, so a tagged value is a
// plain number here and needs no BigInt or allocation.

export type Tagged = number;

const LOW = 0x1_0000_0000;

export function isSmi(value: Tagged): boolean {
  return value % LOW === 0;
}

export function smiValue(value: Tagged): number {
  return value / LOW;
}

/** A strong pointer to a heap object. */
export function isHeapObject(value: Tagged): boolean {
  return value > 0 && value % 4 === 1;
}

/** A weak reference (feedback, deopt literals): the same object with bit 1 set. */
export function isWeak(value: Tagged): boolean {
  return value > 0 && value % 4 === 3;
}

/** The strong form of a weak reference; other values are returned unchanged. */
export function strong(value: Tagged): Tagged {
  return isWeak(value) ? value - 2 : value;
}

/** Address of the object a strong pointer points at (the tag removed). */
export function untag(value: Tagged): number {
  return value - 1;
}
