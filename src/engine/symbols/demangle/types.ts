// <type> (Itanium C++ ABI §5.1.5): builtins, qualifiers, pointers and references, function, array,
// pointer-to-member and vector types, template parameters, substitutions, pack expansions. Every
// type except builtins and plain substitutions becomes a substitution candidate once parsed.

import { name, type Node } from './ast';
import { exprNode } from './expressions';
import { BUILTINS } from './operators';
import type { Parser } from './parser';

export function typeInner(p: Parser): Node {
  const c = p.peek();
  const two = p.text.slice(p.pos, p.pos + 2);
  if (BUILTINS[c] !== undefined && c !== 'D') {
    p.pos++;
    return name(BUILTINS[c]);
  }
  if (BUILTINS[two] !== undefined) {
    p.pos += 2;
    return name(BUILTINS[two]);
  }
  let node: Node;
  switch (c) {
    case 'r': case 'V': case 'K': {
      const quals = p.cvQualifiers();
      const inner = p.type();
      node = { k: 'qual', inner, quals };
      break;
    }
    case 'P': p.pos++; node = { k: 'pointer', inner: p.type() }; break;
    case 'R': p.pos++; node = { k: 'lref', inner: p.type() }; break;
    case 'O': p.pos++; node = { k: 'rref', inner: p.type() }; break;
    case 'C': p.pos++; node = { k: 'vendor', inner: p.type(), qual: '_Complex' }; break;
    case 'G': p.pos++; node = { k: 'vendor', inner: p.type(), qual: '_Imaginary' }; break;
    case 'F': node = functionType(p); break;
    case 'A': node = arrayType(p); break;
    case 'M': {
      p.pos++;
      const cls = p.type();
      node = { k: 'ptrmem', cls, member: p.type() };
      break;
    }
    case 'T': {
      // In a lambda signature T_ prints as "auto:N" and is not recorded again below.
      if (p.inLambdaSignature) return lambdaAuto(p);
      node = templateParamType(p);
      break;
    }
    case 'S': {
      if (two === 'St') {
        node = p.name().node;
        break;
      }
      // A plain substitution is already recorded; one with template arguments is a new type.
      const sub = p.substitution();
      if (p.peek() !== 'I') return sub;
      node = { k: 'template', name: sub, args: p.templateArgs() };
      break;
    }
    case 'U': {
      p.pos++;
      const qual = p.sourceText();
      if (p.peek() === 'I') p.templateArgs();
      node = { k: 'vendor', inner: p.type(), qual };
      break;
    }
    case 'u': p.pos++; node = name(p.sourceText()); break;
    case 'D': node = dType(p, two); break;
    default: node = p.name().node;
  }
  p.addSubstitution(node);
  return node;
}

/** The lambda's own template parameter; the substitution refers to it, bound later by operator()<...>. */
function lambdaAuto(p: Parser): Node {
  const param = p.templateParam();
  p.addSubstitution(param);
  return name(`auto:${param.index + 1}`);
}

/** T_ , or a template template parameter with its arguments (not right after "cv"). */
function templateParamType(p: Parser): Node {
  const param = p.templateParam();
  if (p.peek() !== 'I' || p.inConversion) return param;
  p.addSubstitution(param);
  return { k: 'template', name: param, args: p.templateArgs() };
}

function dType(p: Parser, two: string): Node {
  if (two === 'Dp') {
    p.pos += 2;
    return { k: 'expansion', pattern: p.type() };
  }
  if (two === 'Dt' || two === 'DT') return p.decltype();
  if (two === 'Dv') {
    p.pos += 2;
    const dim = String(p.number());
    p.expect('_');
    return { k: 'vector', dim, elem: p.type() };
  }
  if (two === 'DF') {
    p.pos += 2;
    const bits = p.number();
    p.expect('_');
    return name(`_Float${bits}`);
  }
  if (two === 'Do' || two === 'DO' || two === 'Dw' || two === 'Dx') return functionType(p);
  return p.fail(`unknown type "${two}"`);
}

function functionType(p: Parser): Node {
  let noexcept = '';
  if (p.eat('Do')) noexcept = ' noexcept';
  else if (p.eat('DO')) {
    p.expression();
    p.expect('E');
    noexcept = ' noexcept';
  } else if (p.eat('Dw')) {
    while (!p.eat('E')) p.type();
    noexcept = ' throw()';
  }
  if (p.eat('Dx')) noexcept += ' transaction_safe';
  p.expect('F');
  p.eat('Y');
  const ret = p.type();
  const params: Node[] = [];
  let ref = '';
  while (!p.eat('E')) {
    if (p.pos >= p.text.length) p.fail('unterminated function type');
    if (p.eat('RE')) {
      ref = '&';
      break;
    }
    if (p.eat('OE')) {
      ref = '&&';
      break;
    }
    params.push(p.type());
  }
  return { k: 'function', ret, params, cv: '', ref, noexcept };
}

function arrayType(p: Parser): Node {
  p.expect('A');
  let dim: Node = name('');
  if (/\d/.test(p.peek())) dim = name(String(p.number()));
  else if (p.peek() !== '_') dim = exprNode(p.expression());
  p.expect('_');
  return { k: 'array', dim, elem: p.type() };
}
