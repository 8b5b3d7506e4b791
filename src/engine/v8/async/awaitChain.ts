// Who is waiting for the async function that was running when the process died, read from the heap
// the way V8 builds its zero-cost async stack traces (Isolate::CaptureAsyncStackTrace): an async
// function resumed by the microtask queue was called by an await closure whose context holds its
// generator object; the generator's promise has one reaction, and that reaction's handler says who
// awaits it — another async function's await closure (a suspended caller), a Promise.all /
// allSettled / any element closure (a combinator, then the combinator's own promise), a promise's
// resolving function (a promise resolved with this one), or a plain `then` (its derived promise).
// Each step moves to the next promise, until one has no single waiter. Everything here is read from
// a dump that may be corrupt, so every object is type-checked and the walk is bounded and cycle-free.

import { isHeapObject, isSmi, type Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';

/** A suspended async function (or async generator) awaiting the callers above it. */
export interface SuspendedCall {
  kind: 'await';
  generator: Tagged;
  function: Tagged;
  receiver: Tagged | undefined;
  /** The context the function was running in when it suspended. */
  context: Tagged | undefined;
  /** The bytecode offset it is suspended at (as a frame's offset: from the first bytecode). */
  bytecodeOffset: number | undefined;
  /** Its arguments, from the generator's parameters. */
  args: (Tagged | undefined)[];
}

/** `Promise.all (index N)`: a combinator waiting for its Nth element. */
export interface CombinatorCall {
  kind: 'combinator';
  name: 'Promise.all' | 'Promise.allSettled' | 'Promise.any';
  /** The element's index; undefined when the heap does not say. */
  index: number | undefined;
}

export type AsyncCaller = SuspendedCall | CombinatorCall;

/** More async callers than this is a loop in a corrupt heap, or far more than anyone reads. */
export const MAX_ASYNC_CALLERS = 1000;
/** More declared parameters than this is not a count to read from a generator. */
const MAX_PARAMETERS = 64;

export class AwaitChain {
  constructor(private readonly v8: V8Process) {}

  /**
   * The async callers of the function an await closure (AsyncFunctionAwaitResolveClosure and its
   * kin) resumed, innermost first; [] when `closure` is not one, or its function is not running.
   */
  async callersOfResumed(closure: Tagged): Promise<AsyncCaller[]> {
    const generator = await this.awaitingGenerator(closure);
    if (generator === undefined) return [];
    const { heap, layout } = this.v8;
    // V8 follows only a generator that is running: the one this closure resumed.
    if ((await heap.smiField(generator, layout.async.generator.continuation)) !== layout.async.executing) return [];
    return this.callersOf(await this.promiseOf(generator));
  }

  /** The waiters on `promise`, then on the promise each of them settles, innermost first. */
  private async callersOf(first: Tagged | undefined): Promise<AsyncCaller[]> {
    const callers: AsyncCaller[] = [];
    const seen = new Set<Tagged>();
    for (let promise = first; promise !== undefined && !seen.has(promise) && callers.length < MAX_ASYNC_CALLERS;) {
      seen.add(promise);
      promise = await this.step(promise, callers);
    }
    return callers;
  }

  /** Appends what waits on `promise` (if it is an async caller) and returns the promise that waiter settles. */
  private async step(promise: Tagged, callers: AsyncCaller[]): Promise<Tagged | undefined> {
    const { heap, layout } = this.v8;
    const a = layout.async;
    const flags = await heap.smiField(promise, a.promise.flags);
    if (flags === undefined || (flags & a.promise.statusMask) !== a.promise.pending) return undefined;
    // A pending promise keeps its reactions, newest first; V8 follows a promise with exactly one.
    const reaction = await heap.objectField(promise, a.promise.reactionsOrResult);
    if (!(await heap.hasType(reaction, layout.types.promiseReaction)) || reaction === undefined) return undefined;
    if (!isSmi((await heap.field(reaction, a.reaction.next)) ?? 1)) return undefined;
    const fulfill = await heap.objectField(reaction, a.reaction.fulfillHandler);
    const reject = await heap.objectField(reaction, a.reaction.rejectHandler);

    const generator = await this.awaitingGenerator(fulfill);
    if (generator !== undefined) {
      const suspended = await this.suspendedCall(generator);
      if (suspended !== undefined) callers.push(suspended);
      return this.promiseOf(generator);
    }
    const combinator = await this.combinator(fulfill, reject);
    if (combinator !== undefined) {
      callers.push(combinator.call);
      return combinator.promise;
    }
    const resolved = await this.promiseResolvedBy(fulfill);
    if (resolved !== undefined) return resolved;
    // A plain `then`: the promise it derived settles with the handler's result.
    return this.promiseIn(await heap.objectField(reaction, a.reaction.promiseOrCapability));
  }

  /** The generator an await closure resumes: its context is an await context whose extension is the generator. */
  private async awaitingGenerator(handler: Tagged | undefined): Promise<Tagged | undefined> {
    const context = await this.builtinClosureContext(handler);
    if (context === undefined) return undefined;
    const generator = await this.v8.heap.fixedArrayGet(context, this.v8.layout.async.contextExtension);
    const type = await this.v8.heap.instanceType(generator);
    const t = this.v8.layout.types;
    return type === t.jsAsyncFunctionObject || type === t.jsAsyncGeneratorObject ? generator : undefined;
  }

  /**
   * The context of a closure V8 made itself (no script: await closures, promise resolving functions,
   * combinator element closures); undefined for user functions, whose contexts hold user variables.
   */
  private async builtinClosureContext(fn: Tagged | undefined): Promise<Tagged | undefined> {
    const { heap, functions } = this.v8;
    if (fn === undefined || !(await heap.isJsFunction(fn))) return undefined;
    const sfi = await functions.shared(fn);
    if (sfi === undefined || (await functions.script(sfi)) !== undefined) return undefined;
    return functions.context(fn);
  }

  /** The promise an async function's caller holds; for an async generator, that of the request it is serving. */
  private async promiseOf(generator: Tagged): Promise<Tagged | undefined> {
    const { heap, layout } = this.v8;
    const a = layout.async;
    if (await heap.hasType(generator, layout.types.jsAsyncFunctionObject)) return this.promiseIn(await heap.objectField(generator, a.asyncFunctionPromise));
    const request = await heap.objectField(generator, a.asyncGeneratorQueue);
    if (!(await heap.hasType(request, layout.types.asyncGeneratorRequest)) || request === undefined) return undefined;
    return this.promiseIn(await heap.objectField(request, a.generatorRequest.promise));
  }

  /** A JSPromise, or the promise of a PromiseCapability; undefined for anything else. */
  private async promiseIn(value: Tagged | undefined): Promise<Tagged | undefined> {
    const { heap, layout } = this.v8;
    if (await heap.hasType(value, layout.types.jsPromise)) return value;
    if (value === undefined || !(await heap.hasType(value, layout.types.promiseCapability))) return undefined;
    const promise = await heap.objectField(value, layout.async.capability.promise);
    return (await heap.hasType(promise, layout.types.jsPromise)) ? promise : undefined;
  }

  private async suspendedCall(generator: Tagged): Promise<SuspendedCall | undefined> {
    const { heap, layout, functions } = this.v8;
    const g = layout.async.generator;
    const fn = await heap.objectField(generator, g.function);
    if (fn === undefined || !(await heap.isJsFunction(fn))) return undefined;
    const position = await heap.smiField(generator, g.inputOrDebugPos);
    const sfi = await functions.shared(fn);
    const count = sfi === undefined ? 0 : Math.min((await functions.parameterCount(sfi)) ?? 0, MAX_PARAMETERS);
    const parameters = await heap.objectField(generator, g.parametersAndRegisters);
    const args = parameters === undefined ? [] : await Promise.all(Array.from({ length: count }, (_, i) => heap.fixedArrayGet(parameters, i)));
    return {
      kind: 'await',
      generator,
      function: fn,
      receiver: await heap.field(generator, g.receiver),
      context: await heap.objectField(generator, g.context),
      // A suspended generator keeps the offset counted from the BytecodeArray's tagged start, as frames do.
      bytecodeOffset: position === undefined ? undefined : position - (layout.bytecode.data - 1),
      args,
    };
  }

  /**
   * A combinator's element closure: its context holds the remaining count, then the combinator's
   * capability. Promise.all gives each element a resolve-element closure and the capability's
   * reject; allSettled a resolve and a reject closure that share one context; any a reject-element
   * closure and the capability's resolve. The element's index + 1 is the closure's hash.
   */
  private async combinator(fulfill: Tagged | undefined, reject: Tagged | undefined): Promise<{ call: CombinatorCall; promise: Tagged | undefined } | undefined> {
    const onFulfill = await this.combinatorContext(fulfill);
    const onReject = await this.combinatorContext(reject);
    const element = onFulfill !== undefined ? { fn: fulfill, context: onFulfill } : onReject !== undefined ? { fn: reject, context: onReject } : undefined;
    if (element?.fn === undefined) return undefined;
    const name = onFulfill === undefined ? 'Promise.any' : onFulfill === onReject ? 'Promise.allSettled' : 'Promise.all';
    const hash = await this.v8.heap.smiField(element.fn, this.v8.layout.objects.properties);
    const capability = await this.v8.heap.fixedArrayGet(element.context, this.v8.layout.context.minSlots + 1);
    return { call: { kind: 'combinator', name, index: hash === undefined || hash < 1 ? undefined : hash - 1 }, promise: await this.promiseIn(capability) };
  }

  private async combinatorContext(fn: Tagged | undefined): Promise<Tagged | undefined> {
    const context = await this.builtinClosureContext(fn);
    if (context === undefined) return undefined;
    const remaining = await this.v8.heap.fixedArrayGet(context, this.v8.layout.context.minSlots);
    const capability = await this.v8.heap.fixedArrayGet(context, this.v8.layout.context.minSlots + 1);
    return remaining !== undefined && isSmi(remaining) && (await this.v8.heap.hasType(capability, this.v8.layout.types.promiseCapability)) ? context : undefined;
  }

  /** A promise's resolving function (a promise resolved with another promise): the promise it resolves. */
  private async promiseResolvedBy(fulfill: Tagged | undefined): Promise<Tagged | undefined> {
    const context = await this.builtinClosureContext(fulfill);
    if (context === undefined) return undefined;
    const promise = await this.v8.heap.fixedArrayGet(context, this.v8.layout.context.minSlots);
    return promise !== undefined && isHeapObject(promise) && (await this.v8.heap.hasType(promise, this.v8.layout.types.jsPromise)) ? promise : undefined;
  }
}
