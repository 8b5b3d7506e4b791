// `salvage doctor [CONTAINER]... [--docker] [--context NAME]... [--all-contexts] [--json]`: will the
// next crash leave a dump? The host's core_pattern and what it means, then for each container
// that runs Node (or each named one) its core limit, its Node flags and where the dumps would
// land, with the exact change to make. Naming a container implies the current endpoint.

import { captureMarkdown } from '../../sources/capture/captureMarkdown';
import { checkCrashCapture } from '../../sources/capture/checkCrashCapture';
import { dockerEndpointsArg, parseArgs } from '../args';
import type { Output } from '../output';

export async function doctorCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', 'docker', 'all-contexts'], options: ['context'] });
  const named = args.positionals.length > 0 ? { containers: args.positionals } : {};
  const asked = dockerEndpointsArg(args);
  const report = await checkCrashCapture({ docker: asked === 'off' && named.containers !== undefined ? 'current' : asked, ...named });
  if (args.flags.has('json')) out.json(report);
  else out.line(captureMarkdown(report).trimEnd());
  return 0;
}
