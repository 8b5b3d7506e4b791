// The extended attributes systemd-coredump writes on each stored core (user.coredump.pid, .hostname,
// .exe, ... — systemd's src/coredump/coredump.c, xattr_map), read with attr's `getfattr` since Node
// has no xattr API and an extension must not need a native addon — here or on an ssh host, one
// run for a whole store. Values are asked for in hex, so whatever a container put in its hostname
// or comm arrives as bytes, never as shell or path syntax.

const PREFIX = 'user.coredump.';

export type CoredumpXattrs = Partial<Record<'pid' | 'uid' | 'gid' | 'signal' | 'timestamp' | 'rlimit' | 'hostname' | 'comm' | 'exe', string>>;

/** getfattr's arguments for these files: every `user.coredump.*` attribute, in hex. */
export function getfattrArguments(files: readonly string[]): string[] {
  return ['--absolute-names', '-d', '-m', `^${PREFIX.replace(/\./g, '\\.')}`, '-e', 'hex', '--', ...files];
}

/** getfattr writes `\ooo` for bytes of a name that are not printable. */
function unescapeName(name: string): string {
  return name.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** Parses getfattr's `# file: PATH` blocks of `user.coredump.comm=0x6e6f6465` lines, by file. */
export function parseGetfattr(output: string): Map<string, CoredumpXattrs> {
  const byFile = new Map<string, CoredumpXattrs>();
  let current: Record<string, string> | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('# file: ')) {
      current = {};
      byFile.set(unescapeName(line.slice('# file: '.length)), current);
      continue;
    }
    const m = /^user\.coredump\.([a-z_]+)=0x([0-9a-f]*)$/.exec(line.trim());
    if (m !== null && current !== undefined) current[m[1]] = Buffer.from(m[2], 'hex').toString('utf8');
  }
  return byFile;
}
