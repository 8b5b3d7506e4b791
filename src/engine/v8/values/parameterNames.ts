// Parameter names of a function. V8 keeps no names for parameters that live on the stack (only for
// context-allocated variables), so they are read back from the source the way a debugger's parser
// would: the function's start position (the ScopeInfo's position info, which begins at the
// parameter list) in the script text, then the parameter list up to its closing parenthesis.

import { isSmi, smiValue, type Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';

/** ScopeInfo slots searched for the (start, end) position pair. */
const SEARCH_SLOTS = 24;
/** Longest parameter list parsed. */
const MAX_LIST = 4096;

/**
 * Candidate [start, end) ranges of the function in its script, from its ScopeInfo's position info.
 * The pair sits at a version- and flag-dependent slot: it is two consecutive Smis that make a range
 * inside the script (around the executing position when known); the caller keeps the candidate
 * whose start really opens a parameter list.
 */
export async function functionRanges(v8: V8Process, sfi: Tagged, sourceLength: number, inside?: number): Promise<{ start: number; end: number }[]> {
  const scopeInfo = await v8.heap.field(sfi, v8.layout.sfi.nameOrScopeInfo);
  if (scopeInfo === undefined || !(await v8.heap.hasType(scopeInfo, v8.layout.types.scopeInfo))) return [];
  const out: { start: number; end: number }[] = [];
  let previous: number | undefined;
  for (let slot = 1; slot < SEARCH_SLOTS; slot++) {
    const word = await v8.heap.field(scopeInfo, slot * 8);
    const value = word !== undefined && isSmi(word) ? smiValue(word) : undefined;
    if (previous !== undefined && value !== undefined && previous >= 0 && value > previous + 1 && value <= sourceLength) {
      if (inside === undefined || (inside >= previous && inside <= value)) out.push({ start: previous, end: value });
    }
    previous = value;
  }
  return out;
}

/** Parameter names from the source at the function's start ("(a, b = 1, ...rest)" or "x =>"). */
export function parseParameterNames(source: string, start: number): string[] | undefined {
  const head = source.slice(start, start + MAX_LIST);
  if (!head.startsWith('(')) {
    const single = /^([\p{ID_Start}$_][\p{ID_Continue}$]*)\s*=>/u.exec(head);
    return single === null ? undefined : [single[1]];
  }
  const params: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 1; i < head.length; i++) {
    const c = head[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        if (current.trim() !== '') params.push(nameOf(current));
        return params;
      }
      depth--;
    }
    if (c === ',' && depth === 0) {
      params.push(nameOf(current));
      current = '';
    } else {
      current += c;
    }
  }
  return undefined;
}

/** `b = 1` → `b`, `...rest` → `rest`, `{ id, qty }` stays as written; comments and types dropped. */
function nameOf(param: string): string {
  const text = param
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .trim();
  const withoutRest = text.startsWith('...') ? text.slice(3) : text;
  if (withoutRest.startsWith('{') || withoutRest.startsWith('[')) return patternOf(withoutRest).replace(/\s+/g, ' ');
  return withoutRest.split('=')[0].trim();
}

/** A destructuring pattern up to its closing bracket (a default value may follow it). */
function patternOf(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if ('{[('.includes(text[i])) depth++;
    else if ('}])'.includes(text[i]) && --depth === 0) return text.slice(0, i + 1);
  }
  return text;
}
