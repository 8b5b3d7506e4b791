// Dumps on this machine: a path (or a file: URL) opens as itself; listing walks the user's folders
// (findDumps.ts) and follows them with folder watchers (folderWatch.ts). The files a local dump
// names — scripts, source maps, binaries — are the host's own.

import * as path from 'path';
import { fileURLToPath } from 'url';
import { errorMessage } from '../../engine/errorMessage';
import type { Dump, DumpPlace, SourceListing } from '../dump';
import type { DumpLister, DumpSource, ListSettings, OpenedDumpSource } from '../dumpSource';
import { compressionLabel } from '../compressed/compression';
import { FileByteSource } from './fileByteSource';
import { findDumps, type FoundDump } from './findDumps';
import { watchFolders } from './folderWatch';
import { localFiles } from './localFiles';

export const LOCAL_SOURCE = 'local';

/** `file:` URLs and anything without a URL scheme (`scheme://`) are local paths. */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function localPathOf(location: string): string {
  return location.toLowerCase().startsWith('file:') ? fileURLToPath(location) : location;
}

function listed(dump: FoundDump): Dump {
  const compression = dump.compression === undefined ? {} : { compression: compressionLabel(dump.compression) };
  return { kind: dump.kind, size: dump.size, mtimeMs: dump.mtimeMs, location: dump.path, source: LOCAL_SOURCE, label: path.basename(dump.path), localCopy: dump.path, ...compression };
}

async function folderPlace(folder: string, label: string, depth: number): Promise<DumpPlace> {
  const place: DumpPlace = { id: `folder:${folder}`, role: 'folder', label, icon: { id: 'folder' }, details: [`\`${folder}\``], expanded: true, omitWhenEmpty: true, dumps: [], places: [], empty: 'no dumps' };
  try {
    place.dumps = (await findDumps(folder, { depth })).map(listed);
  } catch (error) {
    place.error = `Cannot scan: ${errorMessage(error)}`;
  }
  return place;
}

class FolderLister implements DumpLister {
  private places: DumpPlace[] = [];

  constructor(private readonly settings: ListSettings) {}

  private listing(): SourceListing {
    return { source: LOCAL_SOURCE, places: this.places, errors: [] };
  }

  async list(): Promise<SourceListing> {
    this.places = await Promise.all(this.settings.folders.map(({ folder, label }) => folderPlace(folder, label, this.settings.depth)));
    return this.listing();
  }

  watch(onChange: (listing: SourceListing) => void, onProblem: (message: string) => void): { dispose(): void } {
    const { folders, depth } = this.settings;
    return watchFolders(
      folders.map((f) => f.folder),
      depth,
      async (folder) => {
        const index = folders.findIndex((f) => f.folder === folder);
        if (index < 0 || this.places.length !== folders.length) return;
        // A new array: a listing already handed out stays as it was.
        const places = [...this.places];
        places[index] = await folderPlace(folder, folders[index].label, depth);
        this.places = places;
        onChange(this.listing());
      },
      onProblem,
    );
  }
}

export const localSource: DumpSource = {
  name: LOCAL_SOURCE,
  scheme: 'file:',

  owns(location: string): boolean {
    return !OTHER_SCHEME.test(location) || location.toLowerCase().startsWith('file:');
  },

  async open(location: string): Promise<OpenedDumpSource> {
    const file = localPathOf(location);
    return { source: await FileByteSource.open(file, location), localPath: file, searchPaths: [], warnings: [], files: async () => localFiles };
  },

  lister(settings: ListSettings): DumpLister | undefined {
    return settings.folders.length === 0 ? undefined : new FolderLister(settings);
  },
};
