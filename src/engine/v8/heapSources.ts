// Script sources recovered from the V8 heap: every script a JS frame runs in is remembered by the
// name its frames show, and its source text is read from the heap when asked. This is the text that
// actually ran — no local checkout needed, Node's own modules included (their sources are external
// strings in the binary's .rodata) — so source maps inside it (inline `data:` URLs) resolve with no
// files at all, and a debugger can show the code of a container that is gone.

import type { TextFileReader } from '../sourcemap/textFileReader';
import type { Tagged } from './heap/tagged';
import type { V8Scripts } from './heap/v8Scripts';

export class HeapSources {
  private readonly byName = new Map<string, Tagged>();
  private readonly texts = new Map<Tagged, Promise<string | undefined>>();

  constructor(private readonly scripts: V8Scripts) {}

  /** Remembers the script behind frames located in `name` (its path, URL or node:module name). */
  register(name: string, script: Tagged): void {
    if (name !== '' && !this.byName.has(name)) this.byName.set(name, script);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The whole source text of the script frames call `name`; undefined when unknown or cut short. */
  text(name: string): Promise<string | undefined> {
    const script = this.byName.get(name);
    if (script === undefined) return Promise.resolve(undefined);
    let text = this.texts.get(script);
    if (text === undefined) {
      text = this.scripts.source(script).then((s) => (s === undefined || s.truncated ? undefined : s.text));
      this.texts.set(script, text);
    }
    return text;
  }

  /** A reader that serves the text that ran from the heap, and any other file (maps) from `files`. */
  reader(files: TextFileReader): TextFileReader {
    return {
      readText: async (path) => (await this.text(path)) ?? files.readText(path),
    };
  }
}
