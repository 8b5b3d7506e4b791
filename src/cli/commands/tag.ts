// `salvage tag <crash or signature id> TAG... [--remove]`: tags a crash (it follows the crash's dumps,
// through any rebuild of the catalog) or a whole signature. Only the catalog is written.

import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { STORE_OPTIONS, STORE_USAGE, withStoreCatalog } from '../storeCatalog';

const USAGE = `usage: salvage tag <crash or signature id> TAG... [--remove] ${STORE_USAGE}`;
/** Tags are words: shown as badges and typed after --tag. */
const TAG = /^[\p{L}\p{N}][\p{L}\p{N}_.:/-]{0,63}$/u;

export async function tagCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['remove', ...STORE_OPTIONS.flags], options: STORE_OPTIONS.options });
  const [id, ...tags] = args.positionals;
  if (id === undefined || tags.length === 0) throw new UsageError(USAGE);
  const bad = tags.find((t) => !TAG.test(t));
  if (bad !== undefined) throw new UsageError(`"${bad}" is not a tag: a word of letters, digits and _ . : / - (up to 64)`);
  return withStoreCatalog(args, (catalog) => {
    const subject = catalog.resolve(id);
    const remove = args.flags.has('remove');
    catalog.tag(subject, tags, remove);
    const what = 'crash' in subject ? `crash ${subject.crash.id}` : `signature ${subject.signature.id} (${subject.crashes.length} crashes)`;
    out.line(`${remove ? 'removed' : 'tagged'} ${what}: ${tags.join(', ')}`);
    return 0;
  });
}
