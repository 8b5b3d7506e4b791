// The CLI's argument parser: positional arguments plus `--flag` / `--option value` /
// `--option=value`. Small on purpose; every verb declares which options it takes so a typo is an
// error, not a silently ignored flag.

export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  /** Options that may repeat keep every value in order. */
  options: Map<string, string[]>;
}

export interface ArgSpec {
  flags: string[];
  options: string[];
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (match === null) {
      parsed.positionals.push(arg);
      continue;
    }
    const [, name, inline] = match;
    if (spec.flags.includes(name) && inline === undefined) {
      parsed.flags.add(name);
    } else if (spec.options.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.options.set(name, [...(parsed.options.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return parsed;
}

/** Parses repeated `FROM=TO` options into a path-override map. */
export function pathOverrides(values: string[] | undefined): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--path-override wants FROM=TO, got "${value}"`);
    overrides[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return overrides;
}

/** The Docker endpoints `--docker`, `--context NAME`... and `--all-contexts` ask for ('off' when none). */
export function dockerEndpointsArg(args: ParsedArgs): 'off' | 'current' | 'all' | string[] {
  const contexts = args.options.get('context');
  return args.flags.has('all-contexts') ? 'all' : contexts !== undefined ? contexts : args.flags.has('docker') ? 'current' : 'off';
}
