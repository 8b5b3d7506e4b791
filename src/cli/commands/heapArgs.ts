// Number options of the `salvage heap` verbs, checked so a typo is a usage error, not a silent default.

import { UsageError } from '../args';

/** The last value of a repeated option as a whole number of at least `min`, or undefined when absent. */
export function wholeNumber(flag: string, values: string[] | undefined, min: number): number | undefined {
  if (values === undefined) return undefined;
  const text = values[values.length - 1];
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min) throw new UsageError(`${flag} wants a whole number of at least ${min}, got "${text}"`);
  return n;
}
