// Everything derived from a HeapGraph by the analysis passes, kept together so queries can reach
// any index. All of it is typed arrays indexed by node or edge ordinal, plus the small class table.

import type { ClassIndex } from './passes/classNames';
import type { ClassSummary } from './passes/classSummary';
import type { DominatorTree } from './passes/dominatedNodes';
import type { Retainers } from './passes/retainers';
import type { HeapStatistics } from './passes/statistics';

export interface HeapIndexes {
  retainers: Retainers;
  /** One bit per edge: does it count as retaining (essentialEdges.ts)? */
  essential: Uint8Array;
  distances: Int32Array;
  dominator: Uint32Array;
  retainedSizes: Float64Array;
  tree: DominatorTree;
  /** Propagated DOM state, when the snapshot records one. */
  detachedness: Uint8Array | undefined;
  classes: ClassIndex;
  summary: ClassSummary[];
  statistics: HeapStatistics;
  /** Root retained size plus native bytes V8 could not attribute, as DevTools counts it. */
  totalSize: number;
}
