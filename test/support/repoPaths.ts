// Where the tests find the repository and its built programs, from the compiled location
// (out/test/support/) of this file.

import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const ADAPTER = path.join(REPO_ROOT, 'dist', 'adapter.js');
