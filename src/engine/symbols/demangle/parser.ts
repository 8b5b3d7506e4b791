// A recursive-descent parser for the Itanium C++ ABI mangling grammar (§5.1 "External Names"),
// producing the tree of ast.ts. Substitution candidates are recorded in the order §5.1.10 gives;
// template parameters are bound to the innermost template arguments of the entity's name, and may
// be bound after they are referenced (conversion operators). Limits on depth and length make a
// hostile name fail fast instead of recursing without end.

import { name, type Node, type ParamBox } from './ast';
import { exprNode, type Expr, parseExpression } from './expressions';
import { operatorName, STD_SUBSTITUTIONS } from './operators';
import { specialName } from './specialNames';
import { typeInner } from './types';

/** Thrown for input the grammar does not accept; the caller then shows the name as it is. */
export class DemangleError extends Error {}

const MAX_DEPTH = 256;

export class Parser {
  pos = 0;
  private depth = 0;
  private readonly subs: Node[] = [];
  private box: ParamBox = { args: undefined };
  /** Set while parsing the name of an encoding: its template args bind T_ references. */
  private tagTemplates = false;
  /** In a generic lambda's signature T_ is an invented "auto" parameter. */
  inLambdaSignature = false;
  /** Directly after "cv": a T_ there takes no template arguments of its own. */
  inConversion = false;

  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new DemangleError(`${what} at ${this.pos}`);
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  eat(prefix: string): boolean {
    if (!this.text.startsWith(prefix, this.pos)) return false;
    this.pos += prefix.length;
    return true;
  }

  expect(prefix: string): void {
    if (!this.eat(prefix)) this.fail(`expected "${prefix}"`);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail('nesting too deep');
  }

  number(): number {
    const negative = this.eat('n');
    const m = /^\d+/.exec(this.text.slice(this.pos, this.pos + 20));
    if (m === null) this.fail('expected a number');
    this.pos += m[0].length;
    return negative ? -Number(m[0]) : Number(m[0]);
  }

  /** <seq-id> _ : base-36 digits, then "_"; empty means 0 ("S_" is the first substitution). */
  seqId(): number {
    let value = 0;
    let digits = 0;
    while (/[0-9A-Z]/.test(this.peek())) {
      value = value * 36 + parseInt(this.peek(), 36);
      this.pos++;
      digits++;
    }
    this.expect('_');
    return digits === 0 ? 0 : value + 1;
  }

  encoding(): Node {
    this.enter();
    try {
      if (this.peek() === 'T' || this.peek() === 'G') return specialName(this);
      const saveBox = this.box;
      this.box = { args: undefined };
      const saveTag = this.tagTemplates;
      this.tagTemplates = true;
      const entity = this.name();
      // Template arguments inside the signature's types never bind T_.
      this.tagTemplates = false;
      let type: Node | undefined;
      if (this.pos < this.text.length && this.peek() !== 'E' && this.peek() !== '.') type = this.bareFunctionType(entity);
      this.tagTemplates = saveTag;
      this.box = saveBox;
      return { k: 'encoding', name: entity.node, type, suffix: '' };
    } finally {
      this.depth--;
    }
  }

  private bareFunctionType(entity: NameResult): Node {
    const ret = entity.hasReturnType ? this.type() : undefined;
    const params: Node[] = [];
    while (this.pos < this.text.length && this.peek() !== 'E' && this.peek() !== '.') params.push(this.type());
    if (params.length === 0) this.fail('function without parameters');
    return { k: 'function', ret, params, cv: entity.cv, ref: entity.ref, noexcept: '' };
  }

  name(): NameResult {
    this.enter();
    try {
      const c = this.peek();
      if (c === 'N') return this.nestedName();
      if (c === 'Z') return this.localName();
      let node: Node;
      const isSubstitution = c === 'S' && this.peek(1) !== 't';
      if (this.eat('St')) node = { k: 'nested', prefix: name('std'), name: this.unqualifiedName(undefined).node };
      else if (isSubstitution) {
        node = this.substitution();
        if (this.peek() !== 'I') this.fail('substitution used as a name without template arguments');
      } else node = this.unqualifiedName(undefined).node;
      if (this.peek() === 'I') {
        if (!isSubstitution) this.subs.push(node);
        const args = this.templateArgs();
        return { node: { k: 'template', name: node, args }, hasReturnType: true, cv: '', ref: '' };
      }
      return { node, hasReturnType: false, cv: '', ref: '' };
    } finally {
      this.depth--;
    }
  }

  private nestedName(): NameResult {
    this.expect('N');
    const cv = this.cvQualifiers();
    const ref = this.eat('R') ? '&' : this.eat('O') ? '&&' : '';
    let current: Node | undefined;
    let hasReturnType = false;
    let last: Node | undefined;
    while (!this.eat('E')) {
      if (this.pos >= this.text.length) this.fail('unterminated nested name');
      hasReturnType = false;
      if (this.peek() === 'I') {
        if (current === undefined) this.fail('template arguments without a template');
        current = { k: 'template', name: current, args: this.templateArgs() };
        hasReturnType = true;
      } else if (this.peek() === 'T') {
        current = this.templateParam();
      } else if (this.eat('St')) {
        current = name('std');
        continue;
      } else if (this.peek() === 'S') {
        current = this.substitution();
        continue;
      } else if (this.peek() === 'D' && (this.peek(1) === 't' || this.peek(1) === 'T')) {
        current = this.decltype();
      } else if (this.eat('M')) {
        continue; // <data-member-prefix>: the closure's scope is the member; printed as the prefix alone.
      } else {
        const part = this.unqualifiedName(current);
        last = part.node;
        current = current === undefined ? part.node : { k: 'nested', prefix: current, name: part.node };
      }
      if (current !== undefined && this.peek() !== 'E') this.subs.push(current);
    }
    if (current === undefined) this.fail('empty nested name');
    const structor = last !== undefined && (last.k === 'structor' || last.k === 'conversion');
    return { node: current, hasReturnType: hasReturnType && !structor, cv, ref };
  }

  private localName(): NameResult {
    this.expect('Z');
    const saveTag = this.tagTemplates;
    const scope = this.encoding();
    this.tagTemplates = saveTag;
    this.expect('E');
    if (this.eat('s')) {
      this.discriminator();
      return { node: { k: 'local', scope, entity: name('string literal') }, hasReturnType: false, cv: '', ref: '' };
    }
    // Ed [<number>] _ : an entity inside a default argument ("{default arg#1}").
    let defaultArg: Node | undefined;
    if (this.eat('d')) {
      const n = this.peek() === '_' ? 0 : this.number() + 1;
      this.expect('_');
      defaultArg = name(`{default arg#${n + 1}}`);
    }
    const entity = this.name();
    this.discriminator();
    const inner: Node = defaultArg === undefined ? entity.node : { k: 'nested', prefix: defaultArg, name: entity.node };
    return { node: { k: 'local', scope, entity: inner }, hasReturnType: entity.hasReturnType, cv: entity.cv, ref: entity.ref };
  }

  private discriminator(): void {
    if (this.peek() !== '_') return;
    if (this.eat('__')) {
      this.number();
      this.expect('_');
    } else {
      this.pos++;
      if (/\d/.test(this.peek())) this.pos++;
    }
  }

  unqualifiedName(scope: Node | undefined): { node: Node; isStructor: boolean; isConversion: boolean } {
    const c = this.peek();
    let node: Node;
    let isStructor = false;
    let isConversion = false;
    if (/\d/.test(c)) node = this.sourceName();
    else if (c === 'L') {
      this.pos++;
      node = this.sourceName();
      this.discriminator();
    } else if (c === 'C' || (c === 'D' && /[0-9]/.test(this.peek(1)))) {
      if (scope === undefined) this.fail('constructor outside a class');
      const dtor = c === 'D';
      this.pos++;
      if (this.eat('I')) this.type();
      this.pos++;
      node = { k: 'structor', cls: scope, dtor };
      isStructor = true;
    } else if (this.eat('Ut')) {
      const n = this.peek() === '_' ? 0 : this.number() + 1;
      this.expect('_');
      node = name(`{unnamed type#${n + 1}}`);
    } else if (this.eat('Ul')) {
      node = this.lambda();
    } else if (this.eat('DC')) {
      const parts: string[] = [];
      while (!this.eat('E')) parts.push(this.sourceText());
      node = name(`[${parts.join(', ')}]`);
    } else {
      const op = this.operator();
      node = op.node;
      isConversion = op.conversion;
    }
    while (this.eat('B')) node = { k: 'abiTag', base: node, tag: this.sourceText() };
    return { node, isStructor, isConversion };
  }

  /** <closure-type-name> ::= Ul <lambda-sig> E [<number>] _ ; generic lambdas' T_ print as "auto:N". */
  private lambda(): Node {
    const params: Node[] = [];
    const saved = this.inLambdaSignature;
    this.inLambdaSignature = true;
    while (!this.eat('E')) {
      if (this.pos >= this.text.length) this.fail('unterminated lambda signature');
      params.push(this.type());
    }
    this.inLambdaSignature = saved;
    const n = this.peek() === '_' ? 0 : this.number() + 1;
    this.expect('_');
    return { k: 'lambda', params, n: n + 1 };
  }

  private operator(): { node: Node; conversion: boolean } {
    if (this.eat('cv')) {
      const saveTag = this.tagTemplates;
      this.tagTemplates = false;
      // In "cvT_IiE" the arguments belong to the operator, not to a template template parameter.
      this.inConversion = true;
      const type = this.type();
      this.inConversion = false;
      this.tagTemplates = saveTag;
      return { node: { k: 'conversion', type }, conversion: true };
    }
    if (this.eat('li')) return { node: name(`operator"" ${this.sourceText()}`), conversion: false };
    if (this.peek() === 'v' && /\d/.test(this.peek(1))) {
      this.pos += 2;
      return { node: name(`operator ${this.sourceText()}`), conversion: false };
    }
    const code = this.text.slice(this.pos, this.pos + 2);
    const text = operatorName(code);
    if (text === undefined) this.fail(`unknown operator "${code}"`);
    this.pos += 2;
    return { node: name(text), conversion: false };
  }

  sourceText(): string {
    const length = this.number();
    if (length <= 0 || this.pos + length > this.text.length) this.fail('source name runs past the end');
    const id = this.text.slice(this.pos, this.pos + length);
    this.pos += length;
    return id;
  }

  private sourceName(): Node {
    const id = this.sourceText();
    // GCC and Clang name anonymous namespaces _GLOBAL__N_<n> (or _GLOBAL_.N.x).
    return name(/^_GLOBAL_[._$]N/.test(id) ? '(anonymous namespace)' : id);
  }

  cvQualifiers(): string {
    const quals: string[] = [];
    if (this.eat('r')) quals.push('restrict');
    if (this.eat('V')) quals.push('volatile');
    if (this.eat('K')) quals.push('const');
    return quals.reverse().join(' ');
  }

  templateArgs(): Node[] {
    this.expect('I');
    const tag = this.tagTemplates;
    this.tagTemplates = false;
    const args: Node[] = [];
    while (!this.eat('E')) {
      if (this.pos >= this.text.length) this.fail('unterminated template arguments');
      args.push(this.templateArg());
    }
    this.tagTemplates = tag;
    if (tag) {
      if (this.box.args !== undefined) this.box = { args: undefined };
      this.box.args = args;
    }
    return args;
  }

  templateArg(): Node {
    if (this.eat('X')) {
      const e = this.expression();
      this.expect('E');
      return exprNode(e);
    }
    if (this.peek() === 'L') return exprNode(this.exprPrimary());
    if (this.eat('J')) {
      const items: Node[] = [];
      while (!this.eat('E')) {
        if (this.pos >= this.text.length) this.fail('unterminated argument pack');
        items.push(this.templateArg());
      }
      return { k: 'pack', items };
    }
    return this.type();
  }

  templateParam(): Node & { k: 'tparam' } {
    this.expect('T');
    const index = this.seqIdDecimal();
    return { k: 'tparam', index, box: this.box };
  }

  /** T_ is parameter 0, T0_ is 1: decimal, unlike substitutions. */
  private seqIdDecimal(): number {
    if (this.eat('_')) return 0;
    const n = this.number();
    this.expect('_');
    return n + 1;
  }

  substitution(): Node {
    this.expect('S');
    const std = STD_SUBSTITUTIONS[this.peek()];
    if (std !== undefined) {
      this.pos++;
      return { k: 'std', s: std.text, ctorName: std.ctorName };
    }
    const index = this.seqId();
    const node = this.subs[index];
    if (node === undefined) this.fail(`substitution ${index} is not defined`);
    return node;
  }

  decltype(): Node {
    this.pos += 2;
    const e = this.expression();
    this.expect('E');
    return exprNode({ kind: 'decltype', operands: [e] });
  }

  type(): Node {
    this.enter();
    try {
      return typeInner(this);
    } finally {
      this.depth--;
    }
  }

  exprPrimary(): Expr {
    this.expect('L');
    if (this.eat('_Z')) {
      const e = this.encoding();
      this.expect('E');
      return { kind: 'node', node: e };
    }
    const type = this.type();
    const start = this.pos;
    while (this.peek() !== 'E' && this.pos < this.text.length) this.pos++;
    const value = this.text.slice(start, this.pos).replace(/^n/, '-');
    this.expect('E');
    return { kind: 'literal', type, value };
  }

  /** Records a substitution candidate (§5.1.10), in the order the grammar meets them. */
  addSubstitution(node: Node): void {
    this.subs.push(node);
  }

  expression(): Expr {
    this.enter();
    try {
      return parseExpression(this);
    } finally {
      this.depth--;
    }
  }
}

export interface NameResult {
  node: Node;
  /** Template functions (other than constructors, destructors, conversions) mangle a return type. */
  hasReturnType: boolean;
  cv: string;
  ref: string;
}
