// Small renderers for numbers the engine shows to people. They live in the engine (not in a front end)
// so the tree, the debug adapter and the CLI print the same "41.2 MiB" for the same value.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 44511232 → "42.4 MiB". Binary units, because that is what memory limits and RSS are counted in. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Whole bytes need no decimals; scaled values keep one so 1.5 GiB is not shown as "2 GiB".
  const digits = unit === 0 ? 0 : 1;
  return `${sign}${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** 0.070237 → "0.070 s": CPU times from reports have microsecond precision nobody needs at a glance. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  return `${seconds.toFixed(3)} s`;
}

/** 4096 → "0x1000": addresses and offsets as gdb and V8 print them. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}

const AGE_STEPS: Array<[number, string]> = [
  [60, 's'],
  [60, 'min'],
  [24, 'h'],
  [365, 'd'],
];

/** "just now", "5 min ago", "3 h ago", "12 d ago", "2 y ago". */
export function formatAge(thenMs: number, nowMs: number): string {
  let value = Math.max(0, (nowMs - thenMs) / 1000);
  if (value < 10) return 'just now';
  for (const [size, unit] of AGE_STEPS) {
    if (value < size) return `${Math.floor(value)} ${unit} ago`;
    value /= size;
  }
  return `${Math.floor(value)} y ago`;
}
