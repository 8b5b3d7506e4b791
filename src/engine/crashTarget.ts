// The dumps one process left when it died — its core, its report, its heap snapshots — as one
// target, so one debug session shows the whole death: the threads, frames and memory of the dump
// that has them (a core, else the report, else a snapshot), and each other dump's own view of the
// same moment as one more scope of every frame ("Node.js diagnostic report: report.json" holding
// the report's sections, "V8 heap snapshot: …" its heap). Expressions go to each dump in turn, so
// `objects` reaches the core's heap and `@123` the snapshot's objects in the same console.

import type { CrashAnalysis, DumpKind } from './crash';
import { DUMP_KIND_LABELS } from './dumpKind';
import type { DumpTarget } from './dumpTarget';
import type { Inspectable, InspectableScope } from './inspectable';

/** Which dump of a death leads: the one with threads and memory first. */
const LEAD_ORDER: readonly DumpKind[] = ['core', 'report', 'heapsnapshot'];

function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/** Another dump of the same death, as one scope whose entries are that dump's own scopes. */
function companionScope(target: DumpTarget): InspectableScope {
  return {
    name: `${DUMP_KIND_LABELS[target.kind]}: ${baseName(target.name)}`,
    expensive: true,
    variables: () =>
      target.scopes(target.analysis.crashingThreadId, 0).map((scope): Inspectable => ({
        name: scope.name,
        value: '{…}',
        children: scope.variables,
      })),
  };
}

export class CrashTarget implements DumpTarget {
  readonly kind: DumpKind;
  readonly name: string;
  readonly analysis: CrashAnalysis;
  /** The leading dump, then the others in the order given. */
  readonly targets: readonly DumpTarget[];
  readonly readMemory?: DumpTarget['readMemory'];
  readonly modules?: DumpTarget['modules'];
  readonly sourceText?: DumpTarget['sourceText'];
  readonly pinObject?: DumpTarget['pinObject'];

  /** `extraScopes`: what the dumps do not hold but the death does (the container's last log lines), after the dumps' own. */
  constructor(
    targets: readonly DumpTarget[],
    private readonly extraScopes: readonly InspectableScope[] = [],
  ) {
    if (targets.length === 0) throw new Error('a crash needs at least one dump');
    const rank = (t: DumpTarget) => LEAD_ORDER.indexOf(t.kind);
    const lead = targets.reduce((best, t) => (rank(t) < rank(best) ? t : best));
    this.targets = [lead, ...targets.filter((t) => t !== lead)];
    this.kind = lead.kind;
    this.name = lead.name;
    this.analysis = lead.analysis;
    const having = <K extends keyof DumpTarget>(key: K) => this.targets.find((t) => t[key] !== undefined);
    const memory = having('readMemory');
    this.readMemory = memory?.readMemory?.bind(memory);
    const modules = having('modules');
    this.modules = modules?.modules?.bind(modules);
    const sources = having('sourceText');
    this.sourceText = sources?.sourceText?.bind(sources);
    const heap = having('pinObject');
    this.pinObject = heap?.pinObject?.bind(heap);
  }

  scopes(threadId: number, frameIndex: number): InspectableScope[] {
    const [lead, ...others] = this.targets;
    return [...lead.scopes(threadId, frameIndex), ...others.map(companionScope), ...this.extraScopes];
  }

  async evaluate(expression: string): Promise<Inspectable | undefined> {
    for (const target of this.targets) {
      const found = await target.evaluate?.(expression);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.dispose()));
  }
}
