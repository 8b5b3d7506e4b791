// The `salvage` command: one verb per dump question, text for people and `--json` for programs.
// Bad input never prints a stack trace: a DumpError or a file-system error becomes one line on
// stderr naming the file and the problem, and the exit code is non-zero.

import { DumpError } from '../engine/dumpError';
import { errorMessage } from '../engine/errorMessage';
import { UsageError } from './args';
import { indexCommand } from './commands/catalogIndex';
import { crashCommand } from './commands/crash';
import { crashesCommand } from './commands/crashes';
import { doctorCommand } from './commands/doctor';
import { heapCommand } from './commands/heap';
import { infoCommand } from './commands/info';
import { logsCommand } from './commands/logs';
import { noteCommand } from './commands/note';
import { lsCommand } from './commands/ls';
import { objectsCommand } from './commands/objects';
import { pullCommand } from './commands/pull';
import { reportCommand } from './commands/report';
import { stackCommand } from './commands/stack';
import { tagCommand } from './commands/tag';
import { type Output, processOutput } from './output';

const VERBS: Record<string, (argv: string[], out: Output) => Promise<number>> = {
  crash: crashCommand,
  crashes: crashesCommand,
  doctor: doctorCommand,
  heap: heapCommand,
  index: indexCommand,
  info: infoCommand,
  logs: logsCommand,
  note: noteCommand,
  ls: lsCommand,
  objects: objectsCommand,
  pull: pullCommand,
  report: reportCommand,
  stack: stackCommand,
  tag: tagCommand,
};

const USAGE = `usage: salvage <verb> [options]
  info <file> [--json]                      kind and key facts of any dump
  report <report.json> [--json]             a diagnostic report's exception and stack, source-mapped
         [--native]                         also list the native frames
         [--path-override FROM=TO]...       map paths recorded in the dump to local ones ("/app/*=./*")
         [--local-root DIR]...              where to look for the dump's scripts when their paths
                                            do not exist here (default: the current directory)
         [--reveal-secrets]                 show secret-looking environment values
  stack <core> [--json]                     every thread's stack from an ELF core, with the signal
        [--binary PATH] [--search DIR]...   where the executable / libraries and debug files are
  objects <core> [--top N] [--json]         JS objects in a Node core's heap, counted by constructor
          [--binary PATH] [--search DIR]...
  ls [DIR]... [--docker] [--json]           dumps found by content in folders and in Docker containers
     [--context NAME]... [--all-contexts]   (running or stopped) of the current / named / every context
     [--depth N]                            folder levels searched below each DIR (default 3)
  pull <container>:<path> <dest> [--json]   copy a dump out of a container, atomically, with its
       [--context NAME]                     sha256 and a metadata sidecar (<dest>.salvage.json)
  logs <container> [--tail N] [--json]      the last lines a container logged before it died
       [--context NAME]                     (a dump's docker:// or host:// URI names its container)
  doctor [CONTAINER]... [--docker] [--json] will the next crash leave a dump? the host's core_pattern,
         [--context NAME]... [--all-contexts] each Node container's core limit, flags and dump folders,
                                            and the change to make (Salvage never applies it)
  heap <snapshot> [--top N] [--json]        what holds the memory: classes by retained size
  heap retainers <snapshot> --node ID       why object @ID is alive: paths from GC roots, shortest first
       [--paths N] [--json]
  heap diff <before> <after> [--json]       what grew between two snapshots, per class
       [--by id|class] [--top N]            (one process: object by object; else class totals)
  crashes [--json] [--since TIME] [--tag X]... the crashes of the dump store, grouped by signature:
          [--store DIR] [--cached]          what broke, how often, since when, where (indexes first)
  crash <id> [--json] [--lines N]           everything known of one crash: its dumps, container, how it ended,
                                            tags, notes, and the container's last log lines before it died
  tag <id> TAG... [--remove]                tag a crash or a whole signature (in the catalog only)
  note <id> TEXT...                         a note on a crash or a signature
  index [--rebuild] [--json] [--store DIR]  bring the store's catalog up to date, or remake it from the files
        [--docker [--context NAME]          first collect the engine's crashes: dumps, deaths (OOM kills), logs
                  [--project NAME]]         (of one compose project's containers only)
                                            (the crash verbs need Node.js 22.13 or later, for SQLite)
Wherever a dump file is expected, docker://CONTAINER/abs/path[?context=NAME] is accepted too.`;

/** One line for an error, without a stack: what went wrong with which file. */
export function describeFailure(error: unknown): string {
  if (error instanceof DumpError || error instanceof UsageError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e !== null && typeof e === 'object' && typeof e.code === 'string' && typeof e.path === 'string') {
    const what: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory' };
    return `${e.path}: ${what[e.code] ?? e.message}`;
  }
  return errorMessage(error);
}

export async function main(argv: string[], out: Output = processOutput): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    out.line(USAGE);
    return verb === undefined ? 2 : 0;
  }
  const command = VERBS[verb];
  if (command === undefined) {
    out.error(`unknown verb "${verb}"\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, out);
  } catch (error) {
    out.error(describeFailure(error));
    return error instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  // `salvage report x | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // main() catches what the verbs throw: a rejection here is a bug, and Node's unhandled-rejection exit says so.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
