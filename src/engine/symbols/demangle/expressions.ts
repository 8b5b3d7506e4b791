// Expressions inside mangled names (Itanium C++ ABI §5.1.6): template arguments such as `X...E`,
// literals, decltype. Parsed into a small tree and printed the way c++filt prints them — operands
// that are not plain names in parentheses ("{parm#1}+(1)"), function parameters as {parm#N}.

import { expandPacks, type Node, print, resolve } from './ast';
import { LITERAL_SUFFIX, OPERATORS } from './operators';
import type { Parser } from './parser';

export type Expr =
  | { kind: 'node'; node: Node }
  | { kind: 'literal'; type: Node; value: string }
  | { kind: 'fparam'; index: number }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; lhs: Expr; rhs: Expr }
  | { kind: 'ternary'; a: Expr; b: Expr; c: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'cast'; type: Node; args: Expr[] }
  | { kind: 'namedCast'; name: string; type: Node; operand: Expr }
  | { kind: 'member'; op: string; object: Expr; member: Node }
  | { kind: 'sizeofType'; op: string; type: Node }
  | { kind: 'prefix'; text: string; operand: Expr; close: string }
  | { kind: 'decltype'; operands: Expr[] }
  | { kind: 'packSize'; operand: Expr }
  | { kind: 'text'; text: string };

export function exprNode(e: Expr): Node {
  return e.kind === 'node' ? e.node : { k: 'expr', e };
}

const NAMED_CASTS: Record<string, string> = { dc: 'dynamic_cast', sc: 'static_cast', cc: 'const_cast', rc: 'reinterpret_cast' };

function functionParam(p: Parser): Expr {
  if (p.eat('fL')) {
    p.number();
    p.expect('p');
  } else p.expect('fp');
  p.cvQualifiers();
  const index = p.peek() === '_' ? 1 : p.number() + 2;
  p.expect('_');
  return { kind: 'fparam', index };
}

function list(p: Parser): Expr[] {
  const items: Expr[] = [];
  while (!p.eat('E')) {
    if (p.pos >= p.text.length) p.fail('unterminated expression list');
    items.push(p.expression());
  }
  return items;
}

/** An <unresolved-name> used as an expression or member: a source name with optional template args. */
function unresolvedName(p: Parser): Node {
  if (p.eat('on')) {
    const code = p.text.slice(p.pos, p.pos + 2);
    p.pos += 2;
    return { k: 'name', s: `operator${OPERATORS[code]?.text ?? code}` };
  }
  if (p.eat('dn')) return { k: 'name', s: `~${print(/\d/.test(p.peek()) ? { k: 'name', s: p.sourceText() } : p.type())}` };
  const base: Node = { k: 'name', s: p.sourceText() };
  return p.peek() === 'I' ? { k: 'template', name: base, args: p.templateArgs() } : base;
}

function scopeResolution(p: Parser): Expr {
  if (p.eat('N')) {
    let scope: Node = p.peek() === 'T' ? p.templateParam() : p.type();
    while (!p.eat('E')) scope = { k: 'nested', prefix: scope, name: unresolvedName(p) };
    return { kind: 'node', node: { k: 'nested', prefix: scope, name: unresolvedName(p) } };
  }
  const scope = /\d/.test(p.peek()) ? unresolvedName(p) : p.type();
  return { kind: 'node', node: { k: 'nested', prefix: scope, name: unresolvedName(p) } };
}

export function parseExpression(p: Parser): Expr {
  const two = p.text.slice(p.pos, p.pos + 2);
  const c = p.peek();
  if (c === 'L') return p.exprPrimary();
  if (c === 'T') return { kind: 'node', node: p.templateParam() };
  if (two === 'fp' || two === 'fL') return functionParam(p);
  if (/\d/.test(c)) return { kind: 'node', node: unresolvedName(p) };
  p.pos += 2;
  switch (two) {
    case 'cl': return { kind: 'call', callee: p.expression(), args: list(p) };
    case 'cv': {
      const type = p.type();
      return { kind: 'cast', type, args: p.eat('_') ? list(p) : [p.expression()] };
    }
    case 'st': case 'at': return { kind: 'sizeofType', op: two === 'st' ? 'sizeof' : 'alignof', type: p.type() };
    case 'sZ': return { kind: 'packSize', operand: p.peek() === 'T' ? { kind: 'node', node: p.templateParam() } : functionParam(p) };
    case 'sp': return { kind: 'node', node: { k: 'expansion', pattern: exprNode(p.expression()) } };
    case 'dt': case 'pt': return { kind: 'member', op: two === 'dt' ? '.' : '->', object: p.expression(), member: unresolvedName(p) };
    case 'sr': return scopeResolution(p);
    case 'tw': return { kind: 'prefix', text: 'throw ', operand: p.expression(), close: '' };
    case 'tr': return { kind: 'text', text: 'throw' };
    case 'nx': return { kind: 'prefix', text: 'noexcept (', operand: p.expression(), close: ')' };
    case 'te': return { kind: 'prefix', text: 'typeid (', operand: p.expression(), close: ')' };
    case 'ti': return { kind: 'sizeofType', op: 'typeid', type: p.type() };
    case 'on': p.pos -= 2; return { kind: 'node', node: unresolvedName(p) };
    default: break;
  }
  if (NAMED_CASTS[two] !== undefined) return { kind: 'namedCast', name: NAMED_CASTS[two], type: p.type(), operand: p.expression() };
  const op = OPERATORS[two];
  if (op === undefined) return p.fail(`unknown expression "${two}"`);
  if (two === 'ad' && p.peek() === 'L') {
    // c++filt writes the address of a qualified function as "&A::f", without its signature.
    const target = p.exprPrimary();
    const type = target.kind === 'node' && target.node.k === 'encoding' ? target.node.type : undefined;
    const plainFunction = type !== undefined && type.k === 'function' && type.cv === '' && type.ref === '';
    if (target.kind === 'node' && target.node.k === 'encoding' && target.node.name.k === 'nested' && plainFunction) {
      return { kind: 'prefix', text: '&', operand: { kind: 'node', node: target.node.name }, close: '' };
    }
    return { kind: 'unary', op: '&', operand: target };
  }
  if (op.arity === 1) {
    // Prefix increment/decrement are written pp_/mm_.
    if ((two === 'pp' || two === 'mm') && p.eat('_')) return { kind: 'unary', op: op.text, operand: p.expression() };
    return { kind: 'unary', op: op.text, operand: p.expression() };
  }
  if (op.arity === 2) {
    const lhs = p.expression();
    return { kind: 'binary', op: op.text, lhs, rhs: p.expression() };
  }
  return { kind: 'ternary', a: p.expression(), b: p.expression(), c: p.expression() };
}

function isSimple(e: Expr): boolean {
  if (e.kind === 'fparam' || e.kind === 'text') return true;
  if (e.kind !== 'node') return false;
  // An entity without a signature (a C function, a variable) prints as a bare name.
  if (e.node.k === 'encoding') return e.node.type === undefined;
  return e.node.k === 'name' || e.node.k === 'nested' || e.node.k === 'template' || e.node.k === 'tparam';
}

function operand(e: Expr): string {
  return isSimple(e) ? printExpr(e) : `(${printExpr(e)})`;
}

function literal(type: Node, value: string): string {
  const t = print(type);
  const code = Object.entries({ int: 'i', 'unsigned int': 'j', long: 'l', 'unsigned long': 'm', 'long long': 'x', 'unsigned long long': 'y' }).find(([name]) => name === t)?.[1];
  if (code !== undefined) return value + LITERAL_SUFFIX[code];
  if (t === 'bool' && (value === '0' || value === '1')) return value === '1' ? 'true' : 'false';
  if (t === 'decltype(nullptr)' && value === '') return 'nullptr';
  return `(${t})${value}`;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'node': return print(e.node);
    case 'literal': return literal(e.type, e.value);
    case 'fparam': return `{parm#${e.index}}`;
    case 'unary': return `${e.op}${operand(e.operand)}`;
    case 'binary': return `${operand(e.lhs)}${e.op}${operand(e.rhs)}`;
    case 'ternary': return `${operand(e.a)}?${operand(e.b)} : ${operand(e.c)}`;
    case 'call': return `${operand(e.callee)}(${e.args.map(printExpr).join(', ')})`;
    case 'cast': return `(${print(e.type)})${e.args.length === 1 ? operand(e.args[0]) : `(${e.args.map(printExpr).join(', ')})`}`;
    case 'namedCast': return `${e.name}<${print(e.type)}>(${printExpr(e.operand)})`;
    case 'member': return `${operand(e.object)}${e.op}${print(e.member)}`;
    case 'sizeofType': return `${e.op} (${print(e.type)})`;
    case 'prefix': return `${e.text}${printExpr(e.operand)}${e.close}`;
    case 'decltype': return `decltype (${e.operands.map(printExpr).join(', ')})`;
    case 'packSize': {
      // c++filt prints sizeof...(T) as the number of elements when the pack is known.
      const pack = e.operand.kind === 'node' ? resolve(e.operand.node) : undefined;
      return pack?.k === 'pack' ? String(expandPacks(pack.items).length) : `sizeof...(${printExpr(e.operand)})`;
    }
    case 'text': return e.text;
  }
}
