// Docker for the extension-host tests: starts the sandbox engine, crashes two containers (a core; a
// report and a heap snapshot) and stops there, points DOCKER_HOST at the engine for the VS Code
// server about to start (its extension host inherits the environment), and writes what `docker
// diff`/`docker inspect` and the processes said into docker-oracle.json in the workspace.

import * as fs from 'fs';
import * as path from 'path';
import { announcedReport, crashWithCore, crashWithReport } from './dockerCrashes';
import { dockerOk, ensureDockerSandbox, removeContainers } from './dockerSandbox';
import { stderrErrorLine } from './crashNode';

export interface DockerHostOracle {
  dockerHost: string;
  /** Prefix of every container the host tests create, so they can be removed afterwards. */
  prefix: string;
  /** `uncaughtLine`: the "Uncaught …" line Node printed before aborting. */
  core: { name: string; exitCode: number; paths: string[]; uncaughtLine: string };
  report: { name: string; exitCode: number; reportPath: string; snapshotPath: string; errorLine: string };
}

export const DOCKER_ORACLE_FILE = 'docker-oracle.json';

export function prepareDockerForHost(workspace: string): DockerHostOracle {
  const dockerHost = ensureDockerSandbox();
  const prefix = `salvage-host-${process.pid}`;
  const core = crashWithCore(`${prefix}-core`);
  const report = crashWithReport(`${prefix}-report`, { 'com.docker.compose.project': 'salvage-host' });
  const oracle: DockerHostOracle = {
    dockerHost,
    prefix,
    core: { name: core.name, exitCode: core.exitCode, paths: core.added.filter((p) => p === '/work/core'), uncaughtLine: core.stderr.split('\n').find((l) => l.startsWith('Uncaught ')) ?? '' },
    report: {
      name: report.name,
      exitCode: report.exitCode,
      reportPath: `/tmp/${announcedReport(report.stderr)}`,
      snapshotPath: '/tmp/before-crash.heapsnapshot',
      errorLine: stderrErrorLine(report.stderr),
    },
  };
  process.env.DOCKER_HOST = dockerHost;
  fs.writeFileSync(path.join(workspace, DOCKER_ORACLE_FILE), JSON.stringify(oracle, null, 2));
  return oracle;
}

/** Removes every container the host run created (the tests add one while VS Code runs). */
export function cleanUpDockerForHost(oracle: DockerHostOracle): void {
  const names = dockerOk(['ps', '-a', '--format', '{{.Names}}', '--filter', `name=^${oracle.prefix}`])
    .split('\n')
    .filter((n) => n !== '');
  removeContainers(names);
}
