// The objects census (`salvage objects`) as something the Debug Console shows: evaluating
// `objects` lists constructors by count, `objects Widget` just that one, each with its total own
// size and a few sample addresses to look at in the memory view.

import { formatBytes } from '../format';
import type { Inspectable } from '../inspectable';
import type { ConstructorCount, ObjectCensus } from './heapObjects';

/** `objects` or `objects <constructor name>`. */
export const OBJECTS_EXPRESSION = /^objects(?:\s+(\S+))?$/;

function constructorInspectable(c: ConstructorCount): Inspectable {
  return {
    name: c.name,
    value: `${c.count.toLocaleString('en-US')} objects, ${formatBytes(c.selfSize)}`,
    type: 'constructor',
    children: () => c.samples.map((address, i) => ({ name: `sample ${i + 1}`, value: address, type: 'address', memoryReference: address })),
  };
}

/** The census, or one constructor of it; throws with a sentence when no constructor has that name. */
export function censusInspectable(census: ObjectCensus, name: string | undefined): Inspectable {
  if (name !== undefined) {
    const found = census.constructors.find((c) => c.name === name);
    if (found === undefined) throw new Error(`No JS object in this core has the constructor ${name}.`);
    return constructorInspectable(found);
  }
  return {
    name: 'objects',
    value: `${census.objects.toLocaleString('en-US')} JS objects of ${census.constructors.length} constructors`,
    type: 'census',
    children: () => census.constructors.map(constructorInspectable),
  };
}
