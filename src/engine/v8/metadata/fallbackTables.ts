// Facts about V8's object and code layouts that the postmortem metadata does not carry (or carries
// only in some versions), one small table per V8 branch shipped by a Node LTS line. The values come
// from notes/v8-optimized-frames.md ("Offsets the metadata lacks") and V8's object definitions of
// that branch, and are checked by the JS-frame tests on real cores of the official binaries. The
// metadata wins wherever it has the value; these only fill gaps.

export interface FallbackTable {
  /** The V8 branches this table was verified on, for messages and tests. */
  verifiedOn: string;
  /** JSFunction instance types: JS_FUNCTION_TYPE and its subtypes (class constructors, ...). */
  firstJsFunctionType: number;
  lastJsFunctionType: number;
  /** BytecodeArray: offset of the source-position table field. */
  bytecodeSourcePositions: number;
  /** SharedFunctionInfo: the function data (BytecodeArray, InterpreterData, baseline Code, ...). */
  sfiFunctionData: number;
  /** SharedFunctionInfo: V8 13 split function data; the untrusted half (UncompiledData, builtin id). */
  sfiUntrustedFunctionData?: number;
  sfiFlags: number;
  /** Script: line and column offsets of the script in its resource (an inline <script>, eval). */
  scriptLineOffset: number;
  scriptColumnOffset: number;
  /** Script: the script type Smi (V8 12 dropped it from the metadata). */
  scriptType: number;
  /** SlicedString: the parent string (the metadata has only the offset field). */
  slicedParent: number;
  /** ExternalString: the cached pointer to the characters (not set for "uncached" externals). */
  externalData: number;
  /** JSArray: the length (a Smi or a HeapNumber). */
  jsArrayLength: number;
  /** Code objects: which heap object type holds machine code, and their fields. */
  code: CodeLayout;
  /** Deoptimization data: the translations' ByteArray, the literals, and the first (bytecode offset, translation index, pc) entry. */
  deoptFirstEntry: number;
  deoptTranslationIndex: number;
  deoptLiteralsIndex: number;
  /** Safepoint table header size: (stack_slots), length, config. */
  safepointHeader: number;
  /** Bit in SharedFunctionInfo.flags set on native (builtin-backed, shown) functions. */
  sfiNativeBit: number;
  sfiClassConstructorBit: number;
  /** Oddball kinds. */
  oddballUndefinedKind: number;
  /**
   * Stack-trace naming: when the receiver is a function ("static" calls such as Module._load), V8
   * 13 names the type after that function; earlier versions print its constructor, "Function".
   */
  functionReceiverNamesType: boolean;
  /**
   * StringEndsWithMethodName: V8 12 accepts "set level" as already naming the method `level`
   * (a space before the key, as in accessors); earlier versions only a dot, and print " [as level]".
   */
  methodNameAfterSpace: boolean;
  /**
   * FunctionKind::kClassMembersInitializerFunction (kClassStaticInitializerFunction follows it): from
   * V8 12, SharedFunctionInfo::DebugName names these `<instance_members_initializer>` and
   * `<static_initializer>`; undefined where they are named like any function (after their class).
   */
  classMembersInitializerKind: number | undefined;
}

export interface CodeLayout {
  /** 'code': V8 10 keeps instructions inside the Code object; 'istream': V8 11+ has InstructionStream + Code. */
  shape: 'code' | 'istream';
  /** Offset of the first instruction from the start of the object holding them. */
  instructionsHeader: number;
  /** Fields of the Code object (V8 11+: the one `InstructionStream + 8` points to). */
  instructionSize: number;
  flags: number;
  /** V8 11+: Code's pointer to its instruction start. */
  instructionStart: number;
  deoptimizationData: number;
  sourcePositionTable: number;
  /** Code kind: `flags & mask` (CodeKindFieldMask); BASELINE from metadata, MAGLEV/TURBOFAN follow it. */
  kindMask: number;
}

const V10_2: FallbackTable = {
  verifiedOn: 'V8 10.2 (Node 18)',
  firstJsFunctionType: 2065,
  lastJsFunctionType: 2081,
  bytecodeSourcePositions: 32,
  sfiFunctionData: 8,
  sfiFlags: 48,
  scriptLineOffset: 24,
  scriptColumnOffset: 32,
  scriptType: 48,
  slicedParent: 16,
  externalData: 24,
  jsArrayLength: 24,
  code: { shape: 'code', instructionsHeader: 128, instructionSize: 40, flags: 48, instructionStart: 0, deoptimizationData: 16, sourcePositionTable: 24, kindMask: 15 },
  deoptFirstEntry: 11,
  deoptTranslationIndex: 0,
  deoptLiteralsIndex: 2,
  safepointHeader: 8,
  sfiNativeBit: 5,
  sfiClassConstructorBit: 10,
  oddballUndefinedKind: 5,
  functionReceiverNamesType: false,
  methodNameAfterSpace: false,
  classMembersInitializerKind: undefined,
};

const V11_3: FallbackTable = {
  ...V10_2,
  verifiedOn: 'V8 11.3 (Node 20)',
  firstJsFunctionType: 2066,
  lastJsFunctionType: 2082,
  code: { shape: 'istream', instructionsHeader: 16, instructionSize: 56, flags: 48, instructionStart: 40, deoptimizationData: 16, sourcePositionTable: 24, kindMask: 15 },
};

const V12_4: FallbackTable = {
  ...V11_3,
  verifiedOn: 'V8 12.4 (Node 22)',
  firstJsFunctionType: 2066,
  lastJsFunctionType: 2082,
  bytecodeSourcePositions: 24,
  code: { shape: 'istream', instructionsHeader: 32, instructionSize: 52, flags: 48, instructionStart: 40, deoptimizationData: 8, sourcePositionTable: 16, kindMask: 15 },
  oddballUndefinedKind: 4,
  methodNameAfterSpace: true,
  classMembersInitializerKind: 24,
};

const V13_6: FallbackTable = {
  ...V12_4,
  verifiedOn: 'V8 13.6 (Node 24)',
  firstJsFunctionType: 2065,
  lastJsFunctionType: 2081,
  sfiUntrustedFunctionData: 16,
  sfiFlags: 56,
  code: { shape: 'istream', instructionsHeader: 32, instructionSize: 56, flags: 52, instructionStart: 40, deoptimizationData: 8, sourcePositionTable: 16, kindMask: 15 },
  deoptFirstEntry: 12,
  functionReceiverNamesType: true,
  safepointHeader: 12,
};

/** Tables by V8 major version; a version in between uses the closest older table, unverified. */
const TABLES: [number, FallbackTable][] = [
  [10, V10_2],
  [11, V11_3],
  [12, V12_4],
  [13, V13_6],
];

export function fallbackTableFor(major: number): { table: FallbackTable; exact: boolean } | undefined {
  let chosen: [number, FallbackTable] | undefined;
  for (const entry of TABLES) if (entry[0] <= major) chosen = entry;
  return chosen === undefined ? undefined : { table: chosen[1], exact: chosen[0] === major };
}
