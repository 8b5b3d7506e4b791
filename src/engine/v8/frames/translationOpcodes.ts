// The opcodes of V8's deoptimization translations (src/deoptimizer/translation-opcode.h), per V8
// version. Their numbering changes between branches: Node 18 and 20 binaries carry the opcode names
// (TranslationOpcodeToString's table), Node 22 and 24 do not, so their lists are written here from
// V8 12.4's and 13.6's headers. Every binary carries the operand counts; a list is used only when
// the counts of the opcodes that shape a translation agree with the binary's, so a V8 we have not
// seen fails plainly instead of being misread.

import { TRANSLATION_OPCODE_NAMES, TRANSLATION_OPERAND_COUNTS } from '../metadata/binarySymbols';
import type { V8Process } from '../v8Process';

export type OpcodeKind = 'begin' | 'interpreted-frame' | 'continuation-frame' | 'construct-frame' | 'other-frame' | 'captured-object' | 'literal' | 'tagged-slot' | 'int32-slot' | 'uint32-slot' | 'double-slot' | 'bool-slot' | 'optimized-out' | 'update-feedback' | 'match-previous' | 'value';

export interface TranslationOpcodes {
  kinds: OpcodeKind[];
  operandCounts: number[];
  /** V8 10 writes every opcode and operand as a signed VLQ; later versions write opcodes as bytes. */
  vlqOpcodes: boolean;
  /** Opcode bytes at or above the opcode count are MATCH_PREVIOUS_TRANSLATION(byte - count) (V8 11+). */
  shortMatch: boolean;
}

const FRAMES_12 = ['INTERPRETED_FRAME_WITH_RETURN', 'INTERPRETED_FRAME_WITHOUT_RETURN', 'JAVASCRIPT_BUILTIN_CONTINUATION_FRAME', 'JAVASCRIPT_BUILTIN_CONTINUATION_WITH_CATCH_FRAME', 'CONSTRUCT_CREATE_STUB_FRAME', 'CONSTRUCT_INVOKE_STUB_FRAME', 'BUILTIN_CONTINUATION_FRAME', 'JS_TO_WASM_BUILTIN_CONTINUATION_FRAME', 'WASM_INLINED_INTO_JS_FRAME'];
const PAIRS = (names: string[]): string[] => names.flatMap((n) => [`${n}_REGISTER`, `${n}_STACK_SLOT`]);

/** V8 12.4 (Node 22). */
const NAMES_12_4 = [
  ...FRAMES_12,
  'INLINED_EXTRA_ARGUMENTS',
  'ARGUMENTS_ELEMENTS',
  'ARGUMENTS_LENGTH',
  'BEGIN_WITHOUT_FEEDBACK',
  'BEGIN_WITH_FEEDBACK',
  ...PAIRS(['BOOL']),
  'CAPTURED_OBJECT',
  ...PAIRS(['DOUBLE']),
  'DUPLICATED_OBJECT',
  ...PAIRS(['FLOAT', 'HOLEY_DOUBLE', 'INT32', 'INT64', 'SIGNED_BIGINT64', 'UNSIGNED_BIGINT64']),
  'OPTIMIZED_OUT',
  'LITERAL',
  'REGISTER',
  'TAGGED_STACK_SLOT',
  ...PAIRS(['UINT32']),
  'UPDATE_FEEDBACK',
  'MATCH_PREVIOUS_TRANSLATION',
];

/** V8 13.6 (Node 24): a Liftoff frame, REST_LENGTH, STRING_CONCAT and intptr values were added. */
const NAMES_13_6 = [
  ...FRAMES_12,
  'LIFTOFF_FRAME',
  'INLINED_EXTRA_ARGUMENTS',
  'ARGUMENTS_ELEMENTS',
  'ARGUMENTS_LENGTH',
  'REST_LENGTH',
  'BEGIN_WITHOUT_FEEDBACK',
  'BEGIN_WITH_FEEDBACK',
  ...PAIRS(['BOOL']),
  'CAPTURED_OBJECT',
  'STRING_CONCAT',
  ...PAIRS(['DOUBLE']),
  'DUPLICATED_OBJECT',
  ...PAIRS(['FLOAT', 'HOLEY_DOUBLE', 'INT32', 'INTPTR', 'INT64', 'SIGNED_BIGINT64', 'UNSIGNED_BIGINT64']),
  'OPTIMIZED_OUT',
  'LITERAL',
  'REGISTER',
  'TAGGED_STACK_SLOT',
  ...PAIRS(['UINT32']),
  'UPDATE_FEEDBACK',
  'MATCH_PREVIOUS_TRANSLATION',
];

/** Operand counts V8's headers give the opcodes whose meaning the decoder relies on. */
const EXPECTED_OPERANDS: Record<string, number[]> = {
  BEGIN: [3],
  BEGIN_WITH_FEEDBACK: [3],
  BEGIN_WITHOUT_FEEDBACK: [3],
  INTERPRETED_FRAME: [5],
  INTERPRETED_FRAME_WITH_RETURN: [5, 6],
  INTERPRETED_FRAME_WITHOUT_RETURN: [3, 4],
  JAVASCRIPT_BUILTIN_CONTINUATION_FRAME: [3],
  JAVA_SCRIPT_BUILTIN_CONTINUATION_FRAME: [3],
  CAPTURED_OBJECT: [1],
  LITERAL: [1],
  TAGGED_STACK_SLOT: [1],
  STACK_SLOT: [1],
  OPTIMIZED_OUT: [0],
  UPDATE_FEEDBACK: [2],
  MATCH_PREVIOUS_TRANSLATION: [1],
};

export function kindOf(name: string): OpcodeKind {
  if (name.startsWith('BEGIN')) return 'begin';
  if (name.startsWith('INTERPRETED_FRAME')) return 'interpreted-frame';
  if (/^JAVA_?SCRIPT_BUILTIN_CONTINUATION/.test(name)) return 'continuation-frame';
  if (name.startsWith('CONSTRUCT_')) return 'construct-frame';
  if (name.endsWith('_FRAME') || name === 'INLINED_EXTRA_ARGUMENTS') return 'other-frame';
  const simple: Record<string, OpcodeKind> = {
    CAPTURED_OBJECT: 'captured-object',
    LITERAL: 'literal',
    STACK_SLOT: 'tagged-slot',
    TAGGED_STACK_SLOT: 'tagged-slot',
    INT32_STACK_SLOT: 'int32-slot',
    UINT32_STACK_SLOT: 'uint32-slot',
    DOUBLE_STACK_SLOT: 'double-slot',
    HOLEY_DOUBLE_STACK_SLOT: 'double-slot',
    BOOL_STACK_SLOT: 'bool-slot',
    OPTIMIZED_OUT: 'optimized-out',
    UPDATE_FEEDBACK: 'update-feedback',
    MATCH_PREVIOUS_TRANSLATION: 'match-previous',
  };
  return simple[name] ?? 'value';
}

/** The opcode table of this process's V8, or a sentence saying why there is none. */
export async function loadTranslationOpcodes(v8: V8Process): Promise<TranslationOpcodes | string> {
  const counts = await readInt32Table(v8, TRANSLATION_OPERAND_COUNTS);
  if (counts === undefined) return 'the binary has no translation operand-count table';
  const major = v8.layout.version.major;
  const names = major <= 11 ? await readNames(v8, counts.length) : major === 12 ? NAMES_12_4 : NAMES_13_6;
  if (names === undefined || names.length !== counts.length) return `no translation opcode list matches V8 ${major} (${counts.length} opcodes)`;
  for (let i = 0; i < names.length; i++) {
    const expected = EXPECTED_OPERANDS[names[i]];
    if (expected !== undefined && !expected.includes(counts[i])) return `translation opcode ${names[i]} has ${counts[i]} operands in this binary, not ${expected.join(' or ')}`;
  }
  return { kinds: names.map(kindOf), operandCounts: counts, vlqOpcodes: major <= 10, shortMatch: major >= 11 };
}

async function readInt32Table(v8: V8Process, name: string): Promise<number[] | undefined> {
  const symbol = v8.symbols.byName.get(name);
  if (symbol === undefined || symbol.size % 4 !== 0 || symbol.size === 0 || symbol.size > 4096) return undefined;
  const bytes = await v8.symbols.bytes(symbol, symbol.size);
  if (bytes === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: symbol.size / 4 }, (_, i) => view.getInt32(i * 4, true));
}

/** Node 18/20: the names table is an array of pointers to C strings in .rodata. */
async function readNames(v8: V8Process, count: number): Promise<string[] | undefined> {
  const symbol = v8.symbols.byName.get(TRANSLATION_OPCODE_NAMES);
  if (symbol === undefined || symbol.size !== count * 8) return undefined;
  const bytes = await v8.symbols.bytes(symbol, symbol.size);
  if (bytes === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = await v8.memory.prefix(Number(view.getBigUint64(i * 8, true)), 64);
    const end = text.indexOf(0);
    if (end <= 0) return undefined;
    names.push(Buffer.from(text.subarray(0, end)).toString('latin1'));
  }
  return names;
}
