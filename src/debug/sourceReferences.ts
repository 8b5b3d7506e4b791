// DAP sourceReferences for scripts whose text only the dump holds: a core's V8 heap keeps the
// source of every script that ran (Node's own modules too), so a frame in a file that does not
// exist on this machine still opens — the adapter serves the text through the `source` request.

import * as fs from 'fs';
import type { DumpTarget } from '../engine/dumpTarget';

export class SourceReferences {
  private readonly byFile = new Map<string, number | undefined>();
  private readonly files: string[] = [];

  constructor(private readonly target: () => DumpTarget | undefined) {}

  /** A reference for `file` when the dump can serve it and no local file has that path. */
  referenceFor(file: string): number | undefined {
    if (this.byFile.has(file)) return this.byFile.get(file);
    const target = this.target();
    let reference: number | undefined;
    if (target?.sourceText !== undefined && (file.startsWith('node:') || !fs.existsSync(file))) {
      this.files.push(file);
      reference = this.files.length;
    }
    this.byFile.set(file, reference);
    return reference;
  }

  /** The text behind a reference handed out earlier; undefined when unknown or not in the dump. */
  async text(reference: number): Promise<string | undefined> {
    const file = this.files[reference - 1];
    const target = this.target();
    return file === undefined || target?.sourceText === undefined ? undefined : target.sourceText(file);
  }
}
