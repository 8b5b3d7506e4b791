// Cores the kernel itself writes when core_pattern is a plain absolute path (`/var/crash/core.%e.%p.%t`):
// on the host for the host's processes, and for a container's only where that folder is a bind
// mount of the host's at the same path (otherwise they stay inside the container, where the Docker
// source finds them). The pattern's `%` specifiers (core(5), "Naming of core dump files") become a
// name matcher, so a file says its pid, comm, host name and time without being read; a folder part
// holding specifiers is not walked (the kernel never creates folders, so each is a fixed choice of
// the host's, and listing them would mean guessing).

import * as path from 'path';
import type { CorePattern } from './corePattern';
import type { HostAccess, HostFile } from './hostAccess';
import type { HostCore, HostCoreStore } from './hostCore';

export const KERNEL_HANDLER = 'kernel';

type Field = 'pid' | 'uid' | 'signal' | 'time' | 'comm' | 'exe' | 'hostname';

/** What each specifier expands to, as a regular expression, and which fact it gives. */
const SPECIFIERS: Record<string, { matches: string; field?: Field }> = {
  p: { matches: '\\d+', field: 'pid' },
  P: { matches: '\\d+', field: 'pid' },
  i: { matches: '\\d+' },
  I: { matches: '\\d+' },
  u: { matches: '\\d+', field: 'uid' },
  g: { matches: '\\d+' },
  d: { matches: '\\d+' },
  s: { matches: '\\d+', field: 'signal' },
  t: { matches: '\\d+', field: 'time' },
  c: { matches: '\\d+' },
  // The kernel writes each '/' of these as '!', so none spans folders.
  e: { matches: '[^/]+?', field: 'comm' },
  f: { matches: '[^/]+?', field: 'comm' },
  E: { matches: '[^/]+?', field: 'exe' },
  h: { matches: '[^/]+?', field: 'hostname' },
};

interface NameMatcher {
  regex: RegExp;
  /** The regex group of each fact. */
  groups: Partial<Record<Field, number>>;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The file-name part of a pattern as a matcher; the kernel appends `.PID` when core_uses_pid is set and no %p is there. */
function nameMatcher(name: string): NameMatcher {
  const groups: NameMatcher['groups'] = {};
  let source = '';
  let group = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] !== '%') {
      source += escaped(name[i]);
      continue;
    }
    const letter = name[++i] ?? '';
    if (letter === '%') source += '%';
    else {
      // An unknown specifier, or a lone '%' at the end, expands to nothing.
      const spec = SPECIFIERS[letter];
      if (spec === undefined) continue;
      source += `(${spec.matches})`;
      group++;
      if (spec.field !== undefined) groups[spec.field] ??= group;
    }
  }
  if (groups.pid === undefined) {
    source += '(?:\\.(\\d+))?';
    groups.pid = ++group;
  }
  return { regex: new RegExp(`^${source}$`), groups };
}

function coreOf(file: HostFile, matcher: NameMatcher): HostCore | undefined {
  const m = matcher.regex.exec(path.posix.basename(file.path));
  if (m === null) return undefined;
  const field = (f: Field) => (matcher.groups[f] === undefined ? undefined : m[matcher.groups[f]]);
  const number = (f: Field) => {
    const text = field(f);
    return text === undefined ? undefined : Number(text);
  };
  const time = number('time');
  const exe = field('exe')?.replaceAll('!', '/');
  const facts = { pid: number('pid'), uid: number('uid'), signal: number('signal'), hostname: field('hostname'), exe };
  return {
    path: file.path,
    size: file.size,
    mtimeMs: file.mtimeMs,
    handler: KERNEL_HANDLER,
    comm: field('comm') ?? (exe === undefined ? path.posix.basename(file.path) : path.posix.basename(exe)),
    timeMs: time === undefined ? file.mtimeMs : time * 1000,
    ...Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)),
  };
}

/** The store a plain absolute core_pattern makes; undefined for a pipe, a relative name, or specifiers in its folders. */
export function patternCoreStore(pattern: CorePattern): HostCoreStore | undefined {
  if (pattern.piped || !pattern.pattern.startsWith('/')) return undefined;
  const dir = path.posix.dirname(pattern.pattern);
  if (dir.includes('%')) return undefined;
  const matcher = nameMatcher(path.posix.basename(pattern.pattern));
  return {
    where: dir,
    async list(access: HostAccess, signal?: AbortSignal) {
      return (await access.listFiles(dir, signal)).flatMap((f) => coreOf(f, matcher) ?? []);
    },
    async read(access: HostAccess, file: string, signal?: AbortSignal) {
      if (path.posix.dirname(file) !== dir) return undefined;
      const stat = await access.stat(file, signal);
      return stat === undefined ? undefined : coreOf(stat, matcher);
    },
  };
}
