// The custom DAP request behind the Modules view: VS Code has no module tree of its own for
// postmortem sessions (vscode#110067), so the extension asks the adapter with this command and
// renders the answer. Plain constants and shapes only, so the extension can share them.

import type { DumpModule } from '../../engine/core/targetExtras';

export const MODULES_REQUEST = 'salvage/modules';

export interface ModulesResponseBody {
  modules: DumpModule[];
}
