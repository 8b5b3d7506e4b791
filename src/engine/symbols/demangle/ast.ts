// The parse tree of an Itanium C++ mangled name and how it prints. Printing follows what GNU c++filt
// prints (the tests' oracle): postfix cv-qualifiers ("char const*"), "> >" between closing template
// brackets, declarators inside out ("void (*)(int)", "int (&) [3]"). A type prints in two halves —
// the part left of the declarator name and the part right of it — so pointers to functions and
// arrays nest correctly.

export type Node =
  | { k: 'name'; s: string }
  | { k: 'nested'; prefix: Node; name: Node }
  | { k: 'template'; name: Node; args: Node[] }
  | { k: 'abiTag'; base: Node; tag: string }
  | { k: 'structor'; cls: Node; dtor: boolean }
  | { k: 'conversion'; type: Node }
  | { k: 'qual'; inner: Node; quals: string }
  | { k: 'pointer' | 'lref' | 'rref'; inner: Node }
  | { k: 'function'; ret: Node | undefined; params: Node[]; cv: string; ref: string; noexcept: string }
  | { k: 'array'; dim: Node; elem: Node }
  | { k: 'vector'; dim: string; elem: Node }
  | { k: 'ptrmem'; cls: Node; member: Node }
  | { k: 'vendor'; inner: Node; qual: string }
  | { k: 'tparam'; index: number; box: ParamBox }
  | { k: 'pack'; items: Node[] }
  | { k: 'expansion'; pattern: Node }
  | { k: 'encoding'; name: Node; type: Node | undefined; suffix: string }
  | { k: 'special'; prefix: string; target: Node }
  | { k: 'local'; scope: Node; entity: Node }
  | { k: 'text'; s: string }
  /** A standard abbreviation (Ss, Si, ...), spelled out as c++filt does; ctorName names its constructors. */
  | { k: 'std'; s: string; ctorName: string }
  | { k: 'lambda'; params: Node[]; n: number }
  | { k: 'expr'; e: Expr }
  | { k: 'ctorVtable'; derived: Node; base: Node };

/** Template arguments in scope for T_ references; filled after the reference when it is a forward one. */
export interface ParamBox {
  args: Node[] | undefined;
}

import { type Expr, printExpr } from './expressions';

export function name(s: string): Node {
  return { k: 'name', s };
}

/** Resolves template parameters and substitution chains to the node they stand for. */
export function resolve(node: Node, depth = 0): Node {
  if (node.k !== 'tparam' || depth > 32) return node;
  const arg = node.box.args?.[node.index];
  return arg === undefined ? node : resolve(arg, depth + 1);
}

/** A function type, possibly cv-qualified (the type of a const member function). */
function isFunction(n: Node): boolean {
  const r = resolve(n);
  return r.k === 'function' || (r.k === 'qual' && isFunction(r.inner));
}
/** cv-qualifiers on an array qualify its elements, so a qualified array still declares like an array. */
function isArray(n: Node): boolean {
  const r = resolve(n);
  return r.k === 'array' || (r.k === 'qual' && isArray(r.inner));
}

/** Qualifiers not already on the (resolved) inner type: "T const" with T = "int const" is "int const". */
function newQualifiers(n: Node & { k: 'qual' }): string {
  const inner = resolve(n.inner);
  if (inner.k !== 'qual') return n.quals;
  const have = new Set(inner.quals.split(' '));
  return n.quals.split(' ').filter((q) => !have.has(q)).join(' ');
}

/** The unqualified last component, for constructor and destructor names. */
export function lastComponent(node: Node): string {
  const n = resolve(node);
  switch (n.k) {
    case 'nested': return lastComponent(n.name);
    case 'template': return lastComponent(n.name);
    case 'abiTag': return lastComponent(n.base);
    case 'name': return n.s;
    case 'text': return n.s;
    case 'std': return n.ctorName;
    case 'local': return lastComponent(n.entity);
    default: return print(n);
  }
}

function templateArgs(args: Node[]): string {
  const text = expandPacks(args).map(print).join(', ');
  // c++filt quirk: after a trailing empty pack it forgets the "> >" spacing ("A<B<int>>").
  const emptyLast = args.length > 1 && expandPacks(args.slice(-1)).length === 0;
  return `<${text}${text.endsWith('>') && !emptyLast ? ' ' : ''}>`;
}

/** Argument packs print as their elements in place. */
export function expandPacks(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => {
    const r = resolve(n);
    if (r.k === 'pack') return expandPacks(r.items);
    if (r.k === 'expansion') {
      const pack = findPack(r.pattern);
      if (pack === undefined && r.pattern.k === 'expr' && r.pattern.e.kind === 'node') return expandPacks([{ k: 'expansion', pattern: r.pattern.e.node }]);
      if (pack === undefined) return [r];
      return pack.items.map((_, i) => substitutePack(r.pattern, i));
    }
    return [n];
  });
}

function findPack(node: Node): { items: Node[] } | undefined {
  const n = resolve(node);
  if (n.k === 'pack') return n;
  if (n.k === 'qual' || n.k === 'pointer' || n.k === 'lref' || n.k === 'rref' || n.k === 'vendor') return findPack(n.inner);
  return undefined;
}

/** The pattern of a pack expansion with its pack replaced by element `i`. */
function substitutePack(node: Node, i: number): Node {
  const n = resolve(node);
  if (n.k === 'pack') return n.items[i];
  if (n.k === 'qual' || n.k === 'pointer' || n.k === 'lref' || n.k === 'rref' || n.k === 'vendor') return { ...n, inner: substitutePack(n.inner, i) };
  return n;
}

export function printParams(params: Node[]): string {
  const list = expandPacks(params);
  if (list.length === 1 && print(list[0]) === 'void') return '()';
  return `(${list.map(print).join(', ')})`;
}

export function print(node: Node): string {
  return left(node) + right(node);
}

/** Reference collapsing (C++ [dcl.ref]): & & is &, && & is &, && && is &&. */
function collapse(node: { k: 'pointer' | 'lref' | 'rref'; inner: Node }): { kind: 'lref' | 'rref'; inner: Node } {
  let kind: 'lref' | 'rref' = node.k === 'rref' ? 'rref' : 'lref';
  let inner = resolve(node.inner);
  while (inner.k === 'lref' || inner.k === 'rref') {
    if (inner.k === 'lref') kind = 'lref';
    inner = resolve(inner.inner);
  }
  return { kind, inner };
}

function declarator(inner: Node, symbol: string): string {
  // Pointers and references to functions and arrays wrap the declarator in parentheses.
  if (isFunction(inner) || isArray(inner)) {
    const l = left(inner).trimEnd();
    // A function returning a pointer to function already ends in its own "(*": no space then.
    const fn = resolve(inner);
    const nested = fn.k === 'function' && fn.ret !== undefined && right(fn.ret) !== '';
    return `${l}${nested || l.endsWith('(') ? '' : ' '}(${symbol}`;
  }
  return `${left(inner)}${symbol}`;
}

export function left(node: Node): string {
  const n = resolve(node);
  switch (n.k) {
    case 'name': case 'text': case 'std': return n.s;
    case 'lambda': return `{lambda${printParams(n.params)}#${n.n}}`;
    case 'expr': return printExpr(n.e);
    case 'ctorVtable': return `${print(n.base)}-in-${print(n.derived)}`;
    case 'nested': return `${print(n.prefix)}::${print(n.name)}`;
    case 'template': {
      const base = print(n.name);
      // "operator<< <char>": c++filt keeps "<<" and "<" apart.
      return base + (base.endsWith('<') ? ' ' : '') + templateArgs(n.args);
    }
    case 'abiTag': return `${print(n.base)}[abi:${n.tag}]`;
    case 'structor': return `${n.dtor ? '~' : ''}${lastComponent(n.cls)}`;
    case 'conversion': return `operator ${print(n.type)}`;
    case 'qual': {
      if (isFunction(n.inner)) return left(n.inner);
      const quals = newQualifiers(n);
      return quals === '' ? left(n.inner) : `${left(n.inner)} ${quals}`;
    }
    case 'pointer': return declarator(n.inner, '*');
    case 'lref': case 'rref': {
      const c = collapse(n);
      return declarator(c.inner, c.kind === 'lref' ? '&' : '&&');
    }
    case 'function': return n.ret === undefined ? '' : `${left(n.ret)}${right(n.ret) === '' ? ' ' : ''}`;
    case 'array': return left(n.elem);
    case 'vector': return `${print(n.elem)} __vector(${n.dim})`;
    case 'ptrmem': {
      if (isFunction(n.member)) return `${left(n.member)}(${print(n.cls)}::*`;
      return `${left(n.member)} ${print(n.cls)}::*`;
    }
    case 'vendor': return `${left(n.inner)} ${n.qual}`;
    case 'tparam': return `T${n.index}`;
    case 'pack': return expandPacks(n.items).map(print).join(', ');
    case 'expansion': return expandPacks([n]).map((x) => (x === n ? `${print(n.pattern)}...` : print(x))).join(', ');
    case 'encoding': return printEncoding(n);
    case 'special': return `${n.prefix}${print(n.target)}`;
    case 'local': return `${n.scope.k === 'encoding' ? printEncoding(n.scope, false) : print(n.scope)}::${print(n.entity)}`;
  }
}

export function right(node: Node): string {
  const n = resolve(node);
  switch (n.k) {
    case 'qual': return isFunction(n.inner) ? `${right(n.inner)} ${n.quals}` : right(n.inner);
    case 'pointer': case 'lref': case 'rref': {
      const inner = n.k === 'pointer' ? n.inner : collapse(n).inner;
      return isFunction(inner) || isArray(inner) ? `)${right(inner)}` : right(inner);
    }
    case 'function': {
      const cv = n.cv === '' ? '' : ` ${n.cv}`;
      const ref = n.ref === '' ? '' : ` ${n.ref}`;
      return `${printParams(n.params)}${cv}${ref}${n.noexcept}${n.ret === undefined ? '' : right(n.ret)}`;
    }
    case 'array': return `${arrayDims(n)}${right(arrayBase(n))}`;
    case 'ptrmem': return isFunction(n.member) ? `)${right(n.member)}` : right(n.member);
    case 'vendor': return right(n.inner);
    default: return '';
  }
}

/** Nested arrays print their dimensions together after one space: "int [3][4]". */
function arrayDims(n: Node & { k: 'array' }): string {
  let dims = ` [${print(n.dim)}]`;
  let elem = resolve(n.elem);
  while (elem.k === 'array') {
    dims += `[${print(elem.dim)}]`;
    elem = resolve(elem.elem);
  }
  return dims;
}

function arrayBase(n: Node & { k: 'array' }): Node {
  let elem = resolve(n.elem);
  while (elem.k === 'array') elem = resolve(elem.elem);
  return elem;
}

/** c++filt leaves out the return type of a function that only scopes a local name. */
function printEncoding(n: Node & { k: 'encoding' }, withReturnType = true): string {
  const type = n.type === undefined ? undefined : resolve(n.type);
  if (type === undefined || type.k !== 'function') return print(n.name) + n.suffix;
  const cv = type.cv === '' ? '' : ` ${type.cv}`;
  const ref = type.ref === '' ? '' : ` ${type.ref}`;
  const signature = `${print(n.name)}${printParams(type.params)}${cv}${ref}${type.noexcept}`;
  if (type.ret === undefined || !withReturnType) return signature + n.suffix;
  const l = left(type.ret);
  const r = right(type.ret);
  // A return type with a right half (a pointer to function) wraps the whole signature.
  return `${l}${r === '' ? ' ' : ''}${signature}${r}${n.suffix}`;
}
