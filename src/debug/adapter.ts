// Entry point of dist/adapter.js: the Salvage debug adapter as a stdio DAP server
// (`node dist/adapter.js`), started by the extension for each `salvage` session.

import { DebugSession } from '@vscode/debugadapter';
import { SalvageSession } from './salvageSession';

DebugSession.run(SalvageSession);
