// Special names (Itanium C++ ABI §5.1.4): virtual tables, type info, thunks, guard variables,
// reference temporaries, construction vtables — printed with c++filt's words ("vtable for A").

import type { Node } from './ast';
import type { Parser } from './parser';

export function specialName(p: Parser): Node {
  const two = p.text.slice(p.pos, p.pos + 2);
  const simple: Record<string, string> = { TV: 'vtable for ', TT: 'VTT for ', TI: 'typeinfo for ', TS: 'typeinfo name for ' };
  if (simple[two] !== undefined) {
    p.pos += 2;
    return { k: 'special', prefix: simple[two], target: p.type() };
  }
  const encodings: Record<string, string> = { TH: 'TLS init function for ', TW: 'TLS wrapper function for ', GV: 'guard variable for ', GA: 'hidden alias for ' };
  if (encodings[two] !== undefined) {
    p.pos += 2;
    return { k: 'special', prefix: encodings[two], target: two === 'GV' || two === 'TH' || two === 'TW' ? p.name().node : p.encoding() };
  }
  if (p.eat('GR')) {
    const target = p.name().node;
    // A local name's discriminator may already have taken the closing "_".
    const index = p.pos >= p.text.length ? 0 : p.seqId();
    return { k: 'special', prefix: `reference temporary #${index} for `, target };
  }
  if (p.eat('GTt')) return { k: 'special', prefix: 'transaction clone for ', target: p.encoding() };
  if (p.eat('Th')) {
    callOffsetBody(p, 'h');
    return { k: 'special', prefix: 'non-virtual thunk to ', target: p.encoding() };
  }
  if (p.eat('Tv')) {
    callOffsetBody(p, 'v');
    return { k: 'special', prefix: 'virtual thunk to ', target: p.encoding() };
  }
  if (p.eat('Tc')) {
    callOffset(p);
    callOffset(p);
    return { k: 'special', prefix: 'covariant return thunk to ', target: p.encoding() };
  }
  if (p.eat('TC')) {
    const derived = p.type();
    p.number();
    p.expect('_');
    return { k: 'special', prefix: 'construction vtable for ', target: { k: 'ctorVtable', derived, base: p.type() } };
  }
  return p.fail('unknown special name');
}

function callOffset(p: Parser): void {
  const kind = p.peek();
  p.pos++;
  callOffsetBody(p, kind);
}

function callOffsetBody(p: Parser, kind: string): void {
  p.number();
  p.expect('_');
  if (kind === 'v') {
    p.number();
    p.expect('_');
  } else if (kind !== 'h') p.fail('bad call offset');
}
