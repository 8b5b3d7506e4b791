// Containers that really crash, in the sandbox engine, with no network: one aborts with core dumps
// enabled (the kernel writes `core` into its working directory), one writes a heap snapshot and then
// dies of an uncaught exception with a diagnostic report, one writes its report into a volume. What
// `docker diff`, `docker inspect` and the process's own stderr say about them is the oracle.

import { dockerDiff, dockerOk, docker, TEST_IMAGE } from './dockerSandbox';

export interface ContainerCrash {
  name: string;
  id: string;
  exitCode: number;
  stderr: string;
  /** Files `docker diff` reports added (A) in the container's layer. */
  added: string[];
}

/** The script the core container runs: a few JS frames deep, then an uncaught throw. */
export const CORE_SCRIPT = `function inner(n) { if (n === 0) throw new Error('crashed in a container'); return inner(n - 1); }
setTimeout(function outer() { inner(3); }, 1);`;

export const REPORT_SCRIPT = `require('v8').writeHeapSnapshot('/tmp/before-crash.heapsnapshot');
setTimeout(function failLater() { null.boom(); }, 1);`;

function run(name: string, runArgs: string[], command: string[]): ContainerCrash {
  docker(['rm', '-f', '-v', name]);
  const r = docker(['run', '--name', name, '--network=none', ...runArgs, TEST_IMAGE, ...command]);
  if (r.status === 125 || r.status === null) throw new Error(`docker run ${name} failed: ${r.stderr}`);
  const id = dockerOk(['inspect', '-f', '{{.Id}}', name]).trim();
  const added = dockerDiff(name)
    .filter((l) => l.startsWith('A '))
    .map((l) => l.slice(2));
  return { name, id, exitCode: r.status, stderr: r.stderr, added };
}

/** node --abort-on-uncaught-exception with `ulimit -c unlimited`: a core in /work. */
export function crashWithCore(name: string, runArgs: string[] = []): ContainerCrash {
  return run(name, ['--ulimit', 'core=-1', ...runArgs], ['node', '--abort-on-uncaught-exception', '-e', CORE_SCRIPT]);
}

/** A heap snapshot in /tmp, then an uncaught TypeError with a diagnostic report in /tmp. */
export function crashWithReport(name: string, labels: Record<string, string> = {}): ContainerCrash {
  const labelArgs = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  return run(name, labelArgs, ['node', '--report-uncaught-exception', '--report-directory=/tmp', '-e', REPORT_SCRIPT]);
}

/** Crashes with its report written into the named volume mounted at /dumps (invisible to `docker diff`). */
export function crashIntoVolume(name: string, volume: string): ContainerCrash {
  return run(name, ['-v', `${volume}:/dumps`], ['node', '--report-uncaught-exception', '--report-directory=/dumps', '-e', 'null.boom()']);
}

/** The report file name Node announced on stderr ("Writing Node.js report to file: X"). */
export function announcedReport(stderr: string): string {
  const m = /Writing Node\.js report to file: (\S+)/.exec(stderr);
  if (m === null) throw new Error(`no report announced in:\n${stderr}`);
  return m[1];
}
