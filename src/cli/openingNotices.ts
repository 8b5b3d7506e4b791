// What opening a dump had to say besides its result: warnings, one line each, and quiet notes
// (a script names a source map that is not there), all folded into a single `note:` line so a
// library that ships map comments without maps costs the user one line, not one per file.

import type { Output } from './output';

export class OpeningNotices {
  readonly warnings: string[] = [];
  private readonly notes: string[] = [];

  constructor(first: string[] = []) {
    this.warnings.push(...first);
  }

  readonly onWarning = (message: string): void => {
    this.warnings.push(message);
  };

  readonly onNote = (message: string): void => {
    this.notes.push(message);
  };

  print(out: Output): void {
    for (const w of this.warnings) out.error(`warning: ${w}`);
    if (this.notes.length === 1) out.error(`note: ${this.notes[0]}`);
    else if (this.notes.length > 1) out.error(`note: ${this.notes.length} scripts name source maps that are not there: ${this.notes.join('; ')}`);
  }
}
