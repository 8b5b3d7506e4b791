// Runs the extension-host suite in a real VS Code (code-server's extension host, driven through
// @vscode/test-electron's runTests with scripts/code-shim as the VS Code executable). First makes a
// workspace holding a real crash of the sample service: its report under two names, and what Node
// printed for it with --enable-source-maps, as the suite's oracle.

import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { buildService, dieWithCoreAndSnapshot, dieWithReport, framesNodePrinted } from '../support/catalogCrashes';
import { makeTempDir } from '../support/crashNode';
import { cleanUpDockerForHost, prepareDockerForHost } from '../support/dockerHost';
import { REPO_ROOT } from '../support/repoPaths';
import { crashSampleService, parseStackPosition } from '../support/sampleCrash';

export interface HostOracle {
  reportPath: string;
  renamedReportPath: string;
  notADumpPath: string;
  errorLine: string;
  topFrame: { file: string; line: number; column: number };
  /** A dump store of real deaths of the crash-catalog service, for the Crashes view. */
  crashStore: { dir: string; reportPids: Record<'price' | 'quota', number[]>; corePid: number; frames: Record<'price' | 'quota', string[]> };
}

/** Two bugs, as reports (twice and once), and one death that left a core and a heap snapshot. */
function prepareCrashStore(): HostOracle['crashStore'] {
  const dir = makeTempDir('salvage-host-store-');
  const entry = buildService(makeTempDir('salvage-host-service-'));
  const reports = path.join(dir, 'local', 'reports');
  const reportPids = { price: [dieWithReport(entry, 'price', reports).pid, dieWithReport(entry, 'price', reports).pid], quota: [dieWithReport(entry, 'quota', reports).pid] };
  const corePid = dieWithCoreAndSnapshot(entry, 'price', path.join(dir, 'local', 'core-1')).pid;
  return { dir, reportPids, corePid, frames: { price: framesNodePrinted(entry, 'price'), quota: framesNodePrinted(entry, 'quota') } };
}

function prepareWorkspace(): string {
  const workspace = makeTempDir('salvage-host-');
  const crash = crashSampleService(workspace);
  const reports = path.join(workspace, 'crashes');
  fs.mkdirSync(reports);
  const reportPath = path.join(reports, path.basename(crash.reportPath));
  fs.copyFileSync(crash.reportPath, reportPath);
  // Names must not matter: the same report, called what cores are called.
  const renamedReportPath = path.join(reports, 'core');
  fs.copyFileSync(crash.reportPath, renamedReportPath);
  const notADumpPath = path.join(reports, 'notes.json');
  fs.writeFileSync(notADumpPath, JSON.stringify({ header: { note: 'looks like JSON, is not a report' }, padding: 'x'.repeat(100) }));
  const top = parseStackPosition(crash.mappedStack[0]);
  if (top === undefined) throw new Error(`no oracle frame in: ${crash.mappedStack.join('\n')}`);
  const oracle: HostOracle = { reportPath, renamedReportPath, notADumpPath, errorLine: crash.errorLine, topFrame: top, crashStore: prepareCrashStore() };
  fs.writeFileSync(path.join(workspace, 'oracle.json'), JSON.stringify(oracle, null, 2));
  return workspace;
}

async function main(): Promise<void> {
  const workspace = prepareWorkspace();
  // Crashed containers in a real engine, and DOCKER_HOST for the VS Code server (docker.test.ts).
  const docker = prepareDockerForHost(workspace);
  try {
    await runTests({
      vscodeExecutablePath: path.join(REPO_ROOT, 'scripts', 'code-shim'),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [workspace],
    });
  } finally {
    cleanUpDockerForHost(docker);
  }
}

main().catch((error) => {
  console.error('extension-host tests failed:', error);
  process.exit(1);
});
