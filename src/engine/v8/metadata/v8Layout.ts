// Every offset, instance type and constant the V8 decoders use, resolved once per core: from the
// postmortem metadata when the binary has it, from the version's fallback table otherwise. The
// decoders read `layout.sfi.name` and never see where a number came from; a value neither source
// has is a clear error naming it, raised when the layout is built, not in the middle of a walk.

import { type FallbackTable, fallbackTableFor, knownBranches } from './fallbackTables';
import type { PostmortemMetadata } from './postmortemMetadata';
import { formatVersion, type V8Version } from './v8Version';

export class LayoutError extends Error {}

function need(value: number | undefined, what: string): number {
  if (value === undefined) throw new LayoutError(`the V8 postmortem metadata has no ${what}`);
  return value;
}

function buildTypes(md: PostmortemMetadata, fb: FallbackTable) {
  const type = (name: string): number => need(md.instanceType(name), `instance type ${name}`);
  const optionalType = (name: string): number => md.instanceType(name) ?? -1;
  return {
    firstNonString: need(md.constant('FirstNonstringType'), 'FirstNonstringType'),
    firstJsFunction: md.constant('FirstJSFunctionType') ?? fb.firstJsFunctionType,
    lastJsFunction: md.constant('LastJSFunctionType') ?? fb.lastJsFunctionType,
    map: type('MAP_TYPE'),
    oddball: type('ODDBALL_TYPE'),
    hole: optionalType('HOLE_TYPE'),
    heapNumber: type('HEAP_NUMBER_TYPE'),
    fixedArray: type('FIXED_ARRAY_TYPE'),
    byteArray: type('BYTE_ARRAY_TYPE'),
    trustedByteArray: optionalType('TRUSTED_BYTE_ARRAY_TYPE'),
    scopeInfo: type('SCOPE_INFO_TYPE'),
    sharedFunctionInfo: type('SHARED_FUNCTION_INFO_TYPE'),
    script: type('SCRIPT_TYPE'),
    bytecodeArray: type('BYTECODE_ARRAY_TYPE'),
    interpreterData: type('INTERPRETER_DATA_TYPE'),
    code: type('CODE_TYPE'),
    instructionStream: optionalType('INSTRUCTION_STREAM_TYPE'),
    jsObject: type('JS_OBJECT_TYPE'),
    jsArray: type('JS_ARRAY_TYPE'),
    jsError: type('JS_ERROR_TYPE'),
    jsGlobalProxy: type('JS_GLOBAL_PROXY_TYPE'),
    jsGlobalObject: type('JS_GLOBAL_OBJECT_TYPE'),
    jsBoundFunction: type('JS_BOUND_FUNCTION_TYPE'),
    jsMessageObject: type('JS_MESSAGE_OBJECT_TYPE'),
    jsProxy: type('JS_PROXY_TYPE'),
    jsPrimitiveWrapper: type('JS_PRIMITIVE_WRAPPER_TYPE'),
    symbol: type('SYMBOL_TYPE'),
    functionTemplateInfo: type('FUNCTION_TEMPLATE_INFO_TYPE'),
    fixedDoubleArray: type('FIXED_DOUBLE_ARRAY_TYPE'),
    jsMap: type('JS_MAP_TYPE'),
    jsSet: type('JS_SET_TYPE'),
    jsDate: type('JS_DATE_TYPE'),
    jsPromise: type('JS_PROMISE_TYPE'),
    jsAsyncFunctionObject: type('JS_ASYNC_FUNCTION_OBJECT_TYPE'),
    jsAsyncGeneratorObject: type('JS_ASYNC_GENERATOR_OBJECT_TYPE'),
    asyncGeneratorRequest: type('ASYNC_GENERATOR_REQUEST_TYPE'),
    promiseReaction: type('PROMISE_REACTION_TYPE'),
    promiseCapability: type('PROMISE_CAPABILITY_TYPE'),
    firstContext: need(md.constant('FirstContextType'), 'FirstContextType'),
    lastContext: need(md.constant('LastContextType'), 'LastContextType'),
    firstJsReceiver: 1024,
    uncompiledData: [...md.instanceTypes((n) => n.startsWith('UNCOMPILED_DATA_')).keys()],
  };
}

function buildStrings(md: PostmortemMetadata, fb: FallbackTable) {
  return {
    length: need(md.field('String', 'length'), 'String.length'),
    representationMask: need(md.constant('StringRepresentationMask'), 'StringRepresentationMask'),
    encodingMask: need(md.constant('StringEncodingMask'), 'StringEncodingMask'),
    oneByteTag: need(md.constant('OneByteStringTag'), 'OneByteStringTag'),
    seqTag: md.constant('SeqStringTag') ?? 0,
    consTag: need(md.constant('ConsStringTag'), 'ConsStringTag'),
    externalTag: need(md.constant('ExternalStringTag'), 'ExternalStringTag'),
    slicedTag: need(md.constant('SlicedStringTag'), 'SlicedStringTag'),
    thinTag: need(md.constant('ThinStringTag'), 'ThinStringTag'),
    seqChars: need(md.field('SeqOneByteString', 'chars'), 'SeqOneByteString.chars'),
    seqTwoByteChars: need(md.field('SeqTwoByteString', 'chars'), 'SeqTwoByteString.chars'),
    consFirst: need(md.field('ConsString', 'first'), 'ConsString.first'),
    consSecond: need(md.field('ConsString', 'second'), 'ConsString.second'),
    slicedParent: md.field('SlicedString', 'parent') ?? fb.slicedParent,
    slicedOffset: need(md.field('SlicedString', 'offset'), 'SlicedString.offset'),
    thinActual: need(md.field('ThinString', 'actual'), 'ThinString.actual'),
    externalResource: need(md.field('ExternalString', 'resource'), 'ExternalString.resource'),
    externalData: fb.externalData,
  };
}

function buildObjects(md: PostmortemMetadata, fb: FallbackTable) {
  return {
    map: {
      instanceSizeInWords: need(md.field('Map', 'instance_size_in_words'), 'Map.instance_size_in_words'),
      inObjectPropertiesStart: need(md.field('Map', 'inobject_properties_start_or_constructor_function_index'), 'Map.inobject_properties_start'),
      instanceType: need(md.field('Map', 'instance_type'), 'Map.instance_type'),
      bitField2: need(md.field('Map', 'bit_field2'), 'Map.bit_field2'),
      bitField3: need(md.field('Map', 'bit_field3'), 'Map.bit_field3'),
      prototype: need(md.field('Map', 'prototype'), 'Map.prototype'),
      constructorOrBackPointer: need(md.field('Map', 'constructor_or_back_pointer'), 'Map.constructor_or_back_pointer'),
      instanceDescriptors: need(md.field('Map', 'instance_descriptors'), 'Map.instance_descriptors'),
      elementsKindShift: need(md.constant('bit_field2_elements_kind_shift'), 'bit_field2_elements_kind_shift'),
      elementsKindMask: need(md.constant('bit_field2_elements_kind_mask'), 'bit_field2_elements_kind_mask'),
      isDictionaryShift: need(md.constant('bit_field3_is_dictionary_map_shift'), 'bit_field3_is_dictionary_map_shift'),
      ownDescriptorsShift: need(md.constant('bit_field3_number_of_own_descriptors_shift'), 'bit_field3_number_of_own_descriptors_shift'),
      ownDescriptorsMask: need(md.constant('bit_field3_number_of_own_descriptors_mask'), 'bit_field3_number_of_own_descriptors_mask'),
    },
    fixedArrayLength: need(md.field('FixedArrayBase', 'length'), 'FixedArrayBase.length'),
    fixedArrayData: need(md.field('FixedArray', 'data'), 'FixedArray.data'),
    symbolDescription: need(md.field('Symbol', 'name'), 'Symbol.name'),
    heapNumberValue: need(md.field('HeapNumber', 'value'), 'HeapNumber.value'),
    oddballKind: need(md.field('Oddball', 'kind', 'kind_offset'), 'Oddball.kind'),
    properties: need(md.field('JSReceiver', 'raw_properties_or_hash'), 'JSReceiver.properties'),
    elements: need(md.field('JSObject', 'elements'), 'JSObject.elements'),
    jsArrayLength: md.field('JSArray', 'length') ?? fb.jsArrayLength,
    descriptorHeader: need(md.field('DescriptorArray', 'header_size'), 'DescriptorArray.header_size'),
    accessorGetter: md.field('AccessorPair', 'getter') ?? fb.accessorGetter,
    accessorSetter: md.field('AccessorPair', 'setter') ?? fb.accessorSetter,
    /** PropertyArray: map, length-and-hash, then the out-of-object fields. */
    propertyArrayData: 16,
    jsDateValue: need(md.field('JSDate', 'value'), 'JSDate.value'),
    dictionaryElements: need(md.constant('elements_dictionary_elements'), 'elements_dictionary_elements'),
    numberDictionaryPrefix: need(md.constant('numberdictionaryshape_prefix_size'), 'numberdictionaryshape_prefix_size'),
    numberDictionaryEntry: need(md.constant('numberdictionaryshape_entry_size'), 'numberdictionaryshape_entry_size'),
  };
}

/** PropertyDetails bit fields and descriptor/dictionary shapes (src/objects/property-details.h). */
function buildProperties(md: PostmortemMetadata) {
  const c = (name: string): number => need(md.constant(name), name);
  return {
    descriptorSize: c('prop_desc_size'),
    descriptorKey: md.constant('prop_desc_key') ?? 0,
    descriptorDetails: c('prop_desc_details'),
    descriptorValue: c('prop_desc_value'),
    kindMask: c('prop_kind_mask'),
    kindAccessor: c('prop_kind_Accessor'),
    locationMask: c('prop_location_mask'),
    locationShift: c('prop_location_shift'),
    locationDescriptor: c('prop_location_Descriptor'),
    attributesMask: c('prop_attributes_mask'),
    attributesShift: c('prop_attributes_shift'),
    dontEnum: c('prop_attributes_DONT_ENUM'),
    indexMask: c('prop_index_mask'),
    indexShift: c('prop_index_shift'),
    dictionaryPrefixStart: c('namedictionary_prefix_start_index'),
    dictionaryPrefixSize: c('namedictionaryshape_prefix_size'),
    dictionaryEntrySize: c('namedictionaryshape_entry_size'),
    accessorPairType: need(md.instanceType('ACCESSOR_PAIR_TYPE'), 'ACCESSOR_PAIR_TYPE'),
    propertyArrayType: need(md.instanceType('PROPERTY_ARRAY_TYPE'), 'PROPERTY_ARRAY_TYPE'),
  };
}

function buildFunctions(md: PostmortemMetadata, fb: FallbackTable) {
  return {
    jsFunction: {
      shared: need(md.field('JSFunction', 'shared'), 'JSFunction.shared'),
      context: need(md.field('JSFunction', 'context'), 'JSFunction.context'),
    },
    sfi: {
      functionData: md.field('SharedFunctionInfo', 'function_data') ?? fb.sfiFunctionData,
      untrustedFunctionData: fb.sfiUntrustedFunctionData,
      nameOrScopeInfo: need(md.field('SharedFunctionInfo', 'name_or_scope_info'), 'SharedFunctionInfo.name_or_scope_info'),
      script: need(md.field('SharedFunctionInfo', 'script_or_debug_info', 'raw_script', 'script'), 'SharedFunctionInfo.script'),
      flags: md.field('SharedFunctionInfo', 'flags') ?? fb.sfiFlags,
      formalParameterCount: need(md.field('SharedFunctionInfo', 'internal_formal_parameter_count', 'formal_parameter_count'), 'SharedFunctionInfo.formal_parameter_count'),
      nativeBit: fb.sfiNativeBit,
      classConstructorBit: fb.sfiClassConstructorBit,
    },
    uncompiled: {
      inferredName: need(md.field('UncompiledData', 'inferred_name'), 'UncompiledData.inferred_name'),
    },
    script: {
      source: need(md.field('Script', 'source'), 'Script.source'),
      name: need(md.field('Script', 'name'), 'Script.name'),
      lineEnds: need(md.field('Script', 'line_ends'), 'Script.line_ends'),
      lineOffset: fb.scriptLineOffset,
      columnOffset: fb.scriptColumnOffset,
      type: md.field('Script', 'type') ?? fb.scriptType,
      evalFromShared: need(md.field('Script', 'eval_from_shared_or_wrapped_arguments', 'eval_from_shared_or_wrapped_arguments_or_sfi_table'), 'Script.eval_from_shared'),
      evalFromPosition: need(md.field('Script', 'eval_from_position'), 'Script.eval_from_position'),
    },
    bytecode: {
      length: md.field('BytecodeArray', 'length') ?? need(md.field('FixedArrayBase', 'length'), 'BytecodeArray.length'),
      data: need(md.field('BytecodeArray', 'data'), 'BytecodeArray.data'),
      sourcePositions: fb.bytecodeSourcePositions,
    },
    scopeInfo: {
      nparams: need(md.constant('scopeinfo_idx_nparams'), 'scopeinfo_idx_nparams'),
      ncontextLocals: need(md.constant('scopeinfo_idx_ncontextlocals'), 'scopeinfo_idx_ncontextlocals'),
      firstVars: need(md.constant('scopeinfo_idx_first_vars'), 'scopeinfo_idx_first_vars'),
    },
    context: {
      previous: need(md.constant('context_idx_prev'), 'context_idx_prev'),
      scopeInfo: md.constant('context_idx_scope_info') ?? 0,
      minSlots: need(md.constant('context_min_slots'), 'context_min_slots'),
    },
  };
}

/**
 * The objects an await leaves behind (Torque: JSGeneratorObject and its async subclasses, JSPromise,
 * PromiseReaction, PromiseCapability, AsyncGeneratorRequest). The metadata has their types but not
 * their fields; their order has not changed from V8 10.2 to 14, and they start where a JSObject's
 * header ends (JSObject::internal_fields), so they are counted from there; only PromiseReaction
 * moved (fallbackTables' promiseReactionNext).
 */
function buildAsync(md: PostmortemMetadata, fb: FallbackTable) {
  const word = 8;
  const header = md.field('JSObject', 'internal_fields') ?? need(md.field('JSObject', 'elements'), 'JSObject.elements') + word;
  const generator = { function: header, context: header + word, receiver: header + 2 * word, inputOrDebugPos: header + 3 * word, continuation: header + 5 * word, parametersAndRegisters: header + 6 * word };
  return {
    generator,
    /** JSAsyncFunctionObject.promise, JSAsyncGeneratorObject.queue: the first field after the generator's. */
    asyncFunctionPromise: header + 7 * word,
    asyncGeneratorQueue: header + 7 * word,
    /** JSGeneratorObject::kGeneratorExecuting: the continuation of a generator that is running. */
    executing: -2,
    promise: { reactionsOrResult: header, flags: header + word, statusMask: 3, pending: 0 },
    reaction: { next: fb.promiseReactionNext, rejectHandler: fb.promiseReactionNext + word, fulfillHandler: fb.promiseReactionNext + 2 * word, promiseOrCapability: fb.promiseReactionNext + 3 * word },
    capability: { promise: word },
    generatorRequest: { promise: 4 * word },
    /** Context::EXTENSION_INDEX: the slot after scope info and previous, where an await context keeps its generator. */
    contextExtension: need(md.constant('context_min_slots'), 'context_min_slots'),
  };
}

function buildFrames(md: PostmortemMetadata) {
  const frameType = (...names: string[]): number => md.frameType(...names) ?? -1;
  return {
    offsets: {
      contextOrFrameType: need(md.constant('off_fp_context_or_frame_type'), 'off_fp_context_or_frame_type'),
      function: need(md.constant('off_fp_function'), 'off_fp_function'),
      bytecodeArray: need(md.constant('off_fp_bytecode_array'), 'off_fp_bytecode_array'),
      bytecodeOffset: need(md.constant('off_fp_bytecode_offset'), 'off_fp_bytecode_offset'),
      args: need(md.constant('off_fp_args'), 'off_fp_args'),
    },
    types: {
      entry: frameType('EntryFrame'),
      constructEntry: frameType('ConstructEntryFrame'),
      exit: frameType('ExitFrame'),
      builtinExit: frameType('BuiltinExitFrame'),
      apiCallbackExit: frameType('ApiCallbackExitFrame'),
      interpreted: frameType('InterpretedFrame'),
      baseline: frameType('BaselineFrame'),
      maglev: frameType('MaglevFrame'),
      turbofan: frameType('TurbofanJSFrame', 'TurbofanFrame', 'OptimizedFrame'),
      stub: frameType('StubFrame'),
      internal: frameType('InternalFrame'),
      construct: frameType('ConstructFrame'),
      fastConstruct: frameType('FastConstructFrame'),
      builtin: frameType('BuiltinFrame'),
      jsContinuation: frameType('JavaScriptBuiltinContinuationFrame'),
      jsContinuationWithCatch: frameType('JavaScriptBuiltinContinuationWithCatchFrame'),
    },
  };
}

function buildCode(md: PostmortemMetadata, fb: FallbackTable) {
  const c = fb.code;
  const baseline = need(md.constant('CodeKindBaseline'), 'CodeKindBaseline');
  return {
    shape: c.shape,
    instructionsHeader: c.shape === 'code' ? need(md.field('Code', 'instruction_start'), 'Code.instruction_start') : need(md.field('InstructionStream', 'instruction_start'), 'InstructionStream.instruction_start'),
    instructionSize: md.field('Code', 'instruction_size') ?? c.instructionSize,
    flags: md.field('Code', 'flags') ?? c.flags,
    instructionStart: c.shape === 'code' ? 0 : (md.field('Code', 'instruction_start') ?? c.instructionStart),
    deoptimizationData: md.field('Code', 'deoptimization_data') ?? c.deoptimizationData,
    sourcePositionTable: md.field('Code', 'source_position_table') ?? c.sourcePositionTable,
    kindMask: md.constant('CodeKindFieldMask') ?? c.kindMask,
    kindBaseline: baseline,
    // V8's CodeKind enum keeps MAGLEV and TURBOFAN right after BASELINE in every version read.
    kindMaglev: baseline + 1,
    kindTurbofan: baseline + 2,
  };
}

export function buildLayout(md: PostmortemMetadata, version: V8Version) {
  const fb = fallbackTableFor(version);
  // Layouts move between V8 branches (frames, code, tables): a branch not checked is not guessed at.
  if (fb === undefined) throw new LayoutError(`V8 ${formatVersion(version)} is not recognised: Salvage knows the layouts of V8 ${knownBranches()}`);
  return {
    version,
    fallback: fb,
    types: buildTypes(md, fb),
    strings: buildStrings(md, fb),
    objects: buildObjects(md, fb),
    properties: buildProperties(md),
    ...buildFunctions(md, fb),
    frames: buildFrames(md),
    async: buildAsync(md, fb),
    code: buildCode(md, fb),
    deopt: {
      firstEntry: fb.deoptFirstEntry,
      translationIndex: fb.deoptTranslationIndex,
      literals: md.constant('DeoptimizationDataLiteralArrayIndex') ?? fb.deoptLiteralsIndex,
      safepointHeader: fb.safepointHeader,
    },
    oddballUndefinedKind: md.constant('OddballUndefined') ?? fb.oddballUndefinedKind,
  };
}

export type V8Layout = ReturnType<typeof buildLayout>;
