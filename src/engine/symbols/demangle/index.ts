// Itanium C++ ABI demangling (https://itanium-cxx-abi.github.io/cxx-abi/abi.html#mangling), written
// for Salvage and checked against GNU c++filt. A name that is not mangled, or that this demangler
// does not accept, is returned unchanged — a frame keeps its raw symbol rather than losing it.

import { print, type Node } from './ast';
import { DemangleError, Parser } from './parser';

export interface DemangleOptions {
  /**
   * false: only the qualified name, without return type, parameters or qualifiers — how gdb names
   * a function it knows from DWARF ("node::Start" rather than "node::Start(int, char**)").
   */
  parameters?: boolean;
}

/** Longest name attempted; real ones stay far below, a pathological one is returned as it is. */
const MAX_LENGTH = 16 * 1024;

/** GCC clone suffixes: ".constprop.0", ".isra.0", ".cold", ".part.1", each shown as "[clone …]". */
const CLONE = /\.[A-Za-z_]+(?:\.\d+)*|\.\d+/y;

function cloneSuffix(rest: string): string | undefined {
  let out = '';
  CLONE.lastIndex = 0;
  while (CLONE.lastIndex < rest.length) {
    const start = CLONE.lastIndex;
    const m = CLONE.exec(rest);
    if (m === null) return undefined;
    out += ` [clone ${rest.slice(start, CLONE.lastIndex)}]`;
  }
  return out;
}

export function demangle(mangled: string, options: DemangleOptions = {}): string {
  if (!mangled.startsWith('_Z') || mangled.length > MAX_LENGTH) return mangled;
  try {
    const p = new Parser(mangled);
    p.pos = 2;
    const node = p.encoding();
    const suffix = cloneSuffix(mangled.slice(p.pos));
    if (suffix === undefined) return mangled;
    if (options.parameters === false && node.k === 'encoding') return print(node.name);
    return print(withSuffix(node, suffix));
  } catch (error) {
    if (error instanceof DemangleError || error instanceof RangeError) return mangled;
    throw error;
  }
}

function withSuffix(node: Node, suffix: string): Node {
  if (suffix === '') return node;
  return node.k === 'encoding' ? { ...node, suffix } : { k: 'special', prefix: '', target: { k: 'text', s: print(node) + suffix } };
}
