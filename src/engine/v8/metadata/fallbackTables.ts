// Facts about V8's object and code layouts that the postmortem metadata does not carry (or carries
// only in some versions), one small table per V8 branch shipped by a Node LTS line. The values come
// from notes/v8-optimized-frames.md ("Offsets the metadata lacks") and V8's object definitions of
// that branch, and are checked by the JS-frame tests on real cores of the official binaries. The
// metadata wins wherever it has the value; these only fill gaps.

import type { CodeDeltaEncoding } from '../heap/sourcePositions';

export interface FallbackTable {
  /**
   * PromiseReaction.next: right after the map, or after continuation_preserved_embedder_data where
   * V8 12.4+ moved it first (seen in cores: the Smi 0 that ends a promise's one reaction).
   */
  promiseReactionNext: number;
  /** The V8 branch this table holds (major.minor: V8 keeps layouts within a branch) and its Node line. */
  branch: { major: number; minor: number; node: number };
  /** JSFunction instance types: JS_FUNCTION_TYPE and its subtypes (class constructors, ...). */
  firstJsFunctionType: number;
  lastJsFunctionType: number;
  /** BytecodeArray: offset of the source-position table field. */
  bytecodeSourcePositions: number;
  /**
   * BuiltinExitFrameConstants: the receiver's slot above fp, and how many of the stored argc are not
   * arguments (receiver, new target, target, argc and — before V8 14 — a padding slot).
   */
  builtinExit: { receiverOffset: number; extraArgs: number };
  /** Source-position tables: where an entry's code delta keeps its flag (see sourcePositions.ts). */
  positionCodeDeltas: CodeDeltaEncoding;
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
  /** AccessorPair: getter and setter (V8 14 dropped them from the metadata; a Struct: map, then the two). */
  accessorGetter: number;
  accessorSetter: number;
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
   * FunctionKind::kClassMembersInitializerFunction and kClassStaticInitializerFunction: from V8 12,
   * SharedFunctionInfo::DebugName names these `<instance_members_initializer>` and
   * `<static_initializer>`; undefined where they are named like any function (after their class).
   */
  classInitializerKinds: { instance: number; static: number } | undefined;
  /**
   * JSReceiver::GetConstructorName: V8 14 names the type after the map constructor's `name`
   * property (JSFunction::GetDebugName), so a class renamed with defineProperty, as zod and other
   * factories do, prints under its new name; earlier versions print the SharedFunctionInfo's name.
   */
  mapConstructorNamedByNameProperty: boolean;
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
  promiseReactionNext: 8,
  branch: { major: 10, minor: 2, node: 18 },
  firstJsFunctionType: 2065,
  lastJsFunctionType: 2081,
  bytecodeSourcePositions: 32,
  positionCodeDeltas: 'sign',
  builtinExit: { receiverOffset: 48, extraArgs: 5 },
  sfiFunctionData: 8,
  sfiFlags: 48,
  scriptLineOffset: 24,
  scriptColumnOffset: 32,
  scriptType: 48,
  slicedParent: 16,
  externalData: 24,
  jsArrayLength: 24,
  accessorGetter: 8,
  accessorSetter: 16,
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
  classInitializerKinds: undefined,
  mapConstructorNamedByNameProperty: false,
};

const V11_3: FallbackTable = {
  ...V10_2,
  branch: { major: 11, minor: 3, node: 20 },
  firstJsFunctionType: 2066,
  lastJsFunctionType: 2082,
  code: { shape: 'istream', instructionsHeader: 16, instructionSize: 56, flags: 48, instructionStart: 40, deoptimizationData: 16, sourcePositionTable: 24, kindMask: 15 },
};

const V12_4: FallbackTable = {
  ...V11_3,
  promiseReactionNext: 16,
  branch: { major: 12, minor: 4, node: 22 },
  firstJsFunctionType: 2066,
  lastJsFunctionType: 2082,
  bytecodeSourcePositions: 24,
  code: { shape: 'istream', instructionsHeader: 32, instructionSize: 52, flags: 48, instructionStart: 40, deoptimizationData: 8, sourcePositionTable: 16, kindMask: 15 },
  oddballUndefinedKind: 4,
  methodNameAfterSpace: true,
  classInitializerKinds: { instance: 24, static: 25 },
};

const V13_6: FallbackTable = {
  ...V12_4,
  branch: { major: 13, minor: 6, node: 24 },
  firstJsFunctionType: 2065,
  lastJsFunctionType: 2081,
  sfiUntrustedFunctionData: 16,
  sfiFlags: 56,
  code: { shape: 'istream', instructionsHeader: 32, instructionSize: 56, flags: 52, instructionStart: 40, deoptimizationData: 8, sourcePositionTable: 16, kindMask: 15 },
  deoptFirstEntry: 12,
  functionReceiverNamesType: true,
  safepointHeader: 12,
};

const V14_6: FallbackTable = {
  ...V13_6,
  branch: { major: 14, minor: 6, node: 26 },
  positionCodeDeltas: 'flag-bits',
  builtinExit: { receiverOffset: 40, extraArgs: 4 },
  // V8 14 added a FunctionKind between the two class initializers.
  classInitializerKinds: { instance: 24, static: 26 },
  mapConstructorNamedByNameProperty: true,
};

/** Every V8 branch whose layouts are known, oldest first. */
const TABLES: FallbackTable[] = [V10_2, V11_3, V12_4, V13_6, V14_6];

/** The table of this V8's branch; undefined for a branch Salvage does not know (never a guess). */
export function fallbackTableFor(version: { major: number; minor: number }): FallbackTable | undefined {
  return TABLES.find((t) => t.branch.major === version.major && t.branch.minor === version.minor);
}

/** "V8 10.2 (Node 18), 11.3 (Node 20), …", for messages. */
export function knownBranches(): string {
  return TABLES.map((t) => `${t.branch.major}.${t.branch.minor} (Node ${t.branch.node})`).join(', ');
}
