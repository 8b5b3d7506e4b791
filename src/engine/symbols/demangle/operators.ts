// Itanium C++ ABI §5.1.5 <operator-name> codes: the text of the operator and how many operands it
// takes in an expression (1 unary, 2 binary, 3 the conditional).

export interface OperatorInfo {
  text: string;
  arity: number;
}

export const OPERATORS: Record<string, OperatorInfo> = {
  nw: { text: 'new', arity: 3 },
  na: { text: 'new[]', arity: 3 },
  dl: { text: 'delete', arity: 1 },
  da: { text: 'delete[]', arity: 1 },
  ps: { text: '+', arity: 1 },
  ng: { text: '-', arity: 1 },
  ad: { text: '&', arity: 1 },
  de: { text: '*', arity: 1 },
  co: { text: '~', arity: 1 },
  pl: { text: '+', arity: 2 },
  mi: { text: '-', arity: 2 },
  ml: { text: '*', arity: 2 },
  dv: { text: '/', arity: 2 },
  rm: { text: '%', arity: 2 },
  an: { text: '&', arity: 2 },
  or: { text: '|', arity: 2 },
  eo: { text: '^', arity: 2 },
  aS: { text: '=', arity: 2 },
  pL: { text: '+=', arity: 2 },
  mI: { text: '-=', arity: 2 },
  mL: { text: '*=', arity: 2 },
  dV: { text: '/=', arity: 2 },
  rM: { text: '%=', arity: 2 },
  aN: { text: '&=', arity: 2 },
  oR: { text: '|=', arity: 2 },
  eO: { text: '^=', arity: 2 },
  ls: { text: '<<', arity: 2 },
  rs: { text: '>>', arity: 2 },
  lS: { text: '<<=', arity: 2 },
  rS: { text: '>>=', arity: 2 },
  eq: { text: '==', arity: 2 },
  ne: { text: '!=', arity: 2 },
  lt: { text: '<', arity: 2 },
  gt: { text: '>', arity: 2 },
  le: { text: '<=', arity: 2 },
  ge: { text: '>=', arity: 2 },
  ss: { text: '<=>', arity: 2 },
  nt: { text: '!', arity: 1 },
  aa: { text: '&&', arity: 2 },
  oo: { text: '||', arity: 2 },
  pp: { text: '++', arity: 1 },
  mm: { text: '--', arity: 1 },
  cm: { text: ',', arity: 2 },
  pm: { text: '->*', arity: 2 },
  pt: { text: '->', arity: 2 },
  cl: { text: '()', arity: 2 },
  ix: { text: '[]', arity: 2 },
  qu: { text: '?', arity: 3 },
  st: { text: 'sizeof ', arity: 1 },
  sz: { text: 'sizeof ', arity: 1 },
  at: { text: 'alignof ', arity: 1 },
  az: { text: 'alignof ', arity: 1 },
  aw: { text: 'co_await', arity: 1 },
};

/** How an operator function is named: "operator new", "operator+", "operator()". */
export function operatorName(code: string): string | undefined {
  const op = OPERATORS[code];
  if (op === undefined || code === 'st' || code === 'sz' || code === 'at' || code === 'az') return undefined;
  return /^[a-z]/.test(op.text) ? `operator ${op.text}` : `operator${op.text}`;
}

/** Built-in types (§5.1.5 <builtin-type>), one letter, and the D-prefixed ones. */
export const BUILTINS: Record<string, string> = {
  v: 'void', w: 'wchar_t', b: 'bool', c: 'char', a: 'signed char', h: 'unsigned char', s: 'short', t: 'unsigned short',
  i: 'int', j: 'unsigned int', l: 'long', m: 'unsigned long', x: 'long long', y: 'unsigned long long', n: '__int128',
  o: 'unsigned __int128', f: 'float', d: 'double', e: 'long double', g: '__float128', z: '...',
  Dd: 'decimal64', De: 'decimal128', Df: 'decimal32', Dh: 'half', Di: 'char32_t', Ds: 'char16_t', Du: 'char8_t',
  Da: 'auto', Dc: 'decltype(auto)', Dn: 'decltype(nullptr)',
};

/** How c++filt writes an integer literal of a built-in type: a suffix, or a cast before the value. */
export const LITERAL_SUFFIX: Record<string, string> = { i: '', j: 'u', l: 'l', m: 'ul', x: 'll', y: 'ull' };

/** Standard abbreviations (§5.1.7): simple ones, and the ones c++filt spells out in full. */
export const STD_SUBSTITUTIONS: Record<string, { text: string; ctorName: string }> = {
  a: { text: 'std::allocator', ctorName: 'allocator' },
  b: { text: 'std::basic_string', ctorName: 'basic_string' },
  s: { text: 'std::basic_string<char, std::char_traits<char>, std::allocator<char> >', ctorName: 'basic_string' },
  i: { text: 'std::basic_istream<char, std::char_traits<char> >', ctorName: 'basic_istream' },
  o: { text: 'std::basic_ostream<char, std::char_traits<char> >', ctorName: 'basic_ostream' },
  d: { text: 'std::basic_iostream<char, std::char_traits<char> >', ctorName: 'basic_iostream' },
};
