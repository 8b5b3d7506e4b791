// `salvage tag <crash or signature id> TAG... [--remove]`: tags a crash (it follows the crash's dumps,
// through any rebuild of the catalog) or a whole signature. Only the catalog is written.

import { tagProblem } from '../../catalog/tags';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { STORE_OPTIONS, STORE_USAGE, withStoreCatalog } from '../storeCatalog';

const USAGE = `usage: salvage tag <crash or signature id> TAG... [--remove] ${STORE_USAGE}`;

export async function tagCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['remove', ...STORE_OPTIONS.flags], options: STORE_OPTIONS.options });
  const [id, ...tags] = args.positionals;
  if (id === undefined || tags.length === 0) throw new UsageError(USAGE);
  const problem = tags.map(tagProblem).find((p) => p !== undefined);
  if (problem !== undefined) throw new UsageError(problem);
  return withStoreCatalog(args, (catalog) => {
    const subject = catalog.resolve(id);
    const remove = args.flags.has('remove');
    catalog.tag(subject, tags, remove);
    const what = 'crash' in subject ? `crash ${subject.crash.id}` : `signature ${subject.signature.id} (${subject.crashes.length} crashes)`;
    out.line(`${remove ? 'removed' : 'tagged'} ${what}: ${tags.join(', ')}`);
    return 0;
  });
}
