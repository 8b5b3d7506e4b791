// `salvage note <crash or signature id> TEXT...`: a note on a crash or on a whole signature ("fixed
// in 2.4.1", a ticket), kept in the catalog across rebuilds. Only the catalog is written.

import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { STORE_OPTIONS, STORE_USAGE, withStoreCatalog } from '../storeCatalog';

const USAGE = `usage: salvage note <crash or signature id> TEXT... ${STORE_USAGE}`;
const MAX_NOTE = 10_000;

export async function noteCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: STORE_OPTIONS.flags, options: STORE_OPTIONS.options });
  const [id, ...words] = args.positionals;
  const text = words.join(' ').trim();
  if (id === undefined || text === '') throw new UsageError(USAGE);
  if (text.length > MAX_NOTE) throw new UsageError(`a note is at most ${MAX_NOTE} characters; this one has ${text.length}`);
  return withStoreCatalog(args, (catalog) => {
    const subject = catalog.resolve(id);
    catalog.note(subject, text);
    out.line(`noted on ${'crash' in subject ? `crash ${subject.crash.id}` : `signature ${subject.signature.id}`}`);
    return 0;
  });
}
