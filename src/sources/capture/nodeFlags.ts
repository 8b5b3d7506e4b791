// The Node options that decide what a crash leaves behind, found where a container sets them: on
// the command line of the `node` it runs (Entrypoint and Cmd, also inside `sh -c "…"`) and in
// NODE_OPTIONS, which every node the container starts reads (`npm start` included).

import * as path from 'path';
import type { ContainerLaunch } from '../docker/dockerClient';

export const DIAGNOSTIC_FLAGS = ['abort-on-uncaught-exception', 'report-on-fatalerror', 'report-uncaught-exception', 'heapsnapshot-near-heap-limit', 'report-directory', 'diagnostic-dir'] as const;
export type DiagnosticFlag = (typeof DIAGNOSTIC_FLAGS)[number];

/** Flags that take a value, as `--flag=value` or `--flag value`. */
const VALUED: ReadonlySet<string> = new Set(['heapsnapshot-near-heap-limit', 'report-directory', 'diagnostic-dir']);
/** Other node options whose value is the next word (`-r ts-node/register`), so the scan goes past it. */
const OTHER_VALUED: ReadonlySet<string> = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--title', '--max-old-space-size']);
const ALIASES: Record<string, DiagnosticFlag> = { 'report-dir': 'report-directory' };
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'busybox']);
const NODES = new Set(['node', 'nodejs']);

export interface FoundFlag {
  flag: DiagnosticFlag;
  value?: string;
  from: 'command' | 'NODE_OPTIONS';
}

export interface NodeLaunch {
  /** A `node` on the command line, or NODE_OPTIONS set: the flags below reach a node. */
  runsNode: boolean;
  flags: FoundFlag[];
  /** NODE_OPTIONS as the container sets it. */
  nodeOptions?: string;
}

/** Words of a shell command line, quotes removed; enough for the commands people write in Dockerfiles. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** `--abort_on_uncaught_exception` is the same V8 flag as `--abort-on-uncaught-exception`. */
function flagName(word: string): string {
  return word.replace(/^--/, '').split('=')[0].replace(/_/g, '-');
}

/** The diagnostic flags among node's own options in `words` (those before the script). */
function flagsIn(words: string[], from: FoundFlag['from']): FoundFlag[] {
  const found: FoundFlag[] = [];
  for (let i = 0; i < words.length && words[i].startsWith('-'); i++) {
    const name = flagName(words[i]);
    const flag = ALIASES[name] ?? (DIAGNOSTIC_FLAGS as readonly string[]).find((f) => f === name);
    if (flag === undefined) {
      if (OTHER_VALUED.has(words[i])) i++;
      continue;
    }
    const eq = words[i].indexOf('=');
    const value = eq >= 0 ? words[i].slice(eq + 1) : VALUED.has(flag) ? words[++i] : undefined;
    found.push({ flag: flag as DiagnosticFlag, ...(value === undefined ? {} : { value }), from });
  }
  return found;
}

/** The words of the command, a shell's `-c` script split into its own. */
function commandWords(launch: ContainerLaunch): string[] {
  const argv = [...launch.entrypoint, ...launch.cmd];
  const c = argv.indexOf('-c');
  return c > 0 && SHELLS.has(path.posix.basename(argv[0])) ? [...argv.slice(0, c), ...argv.slice(c + 1).flatMap(shellWords)] : argv;
}

export function nodeLaunch(launch: ContainerLaunch): NodeLaunch {
  const words = commandWords(launch);
  const flags: FoundFlag[] = [];
  let runsNode = false;
  words.forEach((word, i) => {
    if (!NODES.has(path.posix.basename(word))) return;
    runsNode = true;
    flags.push(...flagsIn(words.slice(i + 1), 'command'));
  });
  const env = launch.env.find((e) => e.startsWith('NODE_OPTIONS='));
  const nodeOptions = env?.slice('NODE_OPTIONS='.length);
  if (nodeOptions !== undefined) flags.push(...flagsIn(shellWords(nodeOptions), 'NODE_OPTIONS'));
  return { runsNode: runsNode || (nodeOptions !== undefined && nodeOptions !== ''), flags, ...(nodeOptions === undefined ? {} : { nodeOptions }) };
}

/** The value of a flag where node takes it from: the command line wins over NODE_OPTIONS. */
export function flagValue(launch: NodeLaunch, flag: DiagnosticFlag): FoundFlag | undefined {
  return launch.flags.find((f) => f.flag === flag && f.from === 'command') ?? launch.flags.find((f) => f.flag === flag);
}
