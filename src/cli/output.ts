// Where the CLI writes: stdout for results, one line on stderr for problems. Injected so the
// commands stay testable and so nothing else in the CLI touches process streams.

export interface Output {
  line(text: string): void;
  json(value: unknown): void;
  error(text: string): void;
}

export const processOutput: Output = {
  line: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  error: (text) => process.stderr.write(`salvage: ${text}\n`),
};
