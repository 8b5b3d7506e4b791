// Which V8 produced the core: `v8::internal::Version::{major_,minor_,build_,patch_}` are plain ints in
// node's .data, so they are read like any metadata symbol. The version selects the fallback tables
// for the facts the postmortem metadata does not carry.

import { type BinarySymbols, VERSION_SYMBOLS } from './binarySymbols';

export interface V8Version {
  major: number;
  minor: number;
  build: number;
  patch: number;
}

export async function readV8Version(symbols: BinarySymbols): Promise<V8Version | undefined> {
  const major = await symbols.int32(VERSION_SYMBOLS.major);
  const minor = await symbols.int32(VERSION_SYMBOLS.minor);
  const build = await symbols.int32(VERSION_SYMBOLS.build);
  const patch = await symbols.int32(VERSION_SYMBOLS.patch);
  if (major === undefined || minor === undefined || build === undefined) return undefined;
  return { major, minor, build, patch: patch ?? 0 };
}

export function formatVersion(v: V8Version): string {
  return `${v.major}.${v.minor}.${v.build}.${v.patch}`;
}
