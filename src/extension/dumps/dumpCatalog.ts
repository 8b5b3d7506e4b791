// What the Dumps view shows, kept apart from how it is shown: each source's latest listing, in the
// registry's order. It changes only through set() (a source's new listing, from the refresh owner)
// and noteLocalCopy() (a dump was just downloaded), and announces each change once.

import * as vscode from 'vscode';
import { type Dump, dumpsOf, type SourceListing } from '../../sources/dump';
import { dumpSources } from '../../sources/dumpSources';
import { joinListings } from '../../sources/joinedListings';

export class DumpCatalog implements vscode.Disposable {
  private listings = new Map<string, SourceListing>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** The listings, in the order the sources are registered, each place inside the one it belongs in. */
  get current(): SourceListing[] {
    return joinListings(dumpSources().flatMap((s) => this.listings.get(s.name) ?? []));
  }

  all(): Dump[] {
    return this.current.flatMap((l) => dumpsOf(l.places));
  }

  set(listing: SourceListing): void {
    this.listings.set(listing.source, listing);
    this.changed.fire();
  }

  /** Drops the sources the settings no longer list. */
  keepOnly(sources: ReadonlySet<string>): void {
    const before = this.listings.size;
    for (const name of [...this.listings.keys()]) if (!sources.has(name)) this.listings.delete(name);
    if (this.listings.size !== before) this.changed.fire();
  }

  /** A dump was copied here (opened or downloaded): Reveal can show it now. */
  noteLocalCopy(location: string, file: string): void {
    const dumps = this.all().filter((d) => d.location === location && d.localCopy !== file);
    for (const d of dumps) d.localCopy = file;
    if (dumps.length > 0) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
