// Registers the `salvage` debugger: the adapter runs as its own Node process (dist/adapter.js), so
// parsing a big dump never blocks the extension host; launch configurations get their defaults
// from settings, and F5 without a launch.json asks for a dump.

import * as vscode from 'vscode';
import { pickDumpFile } from '../commands/pickDump';
import { dumpStoreDir } from '../docker/dockerSettings';

class AdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  constructor(private readonly adapterPath: string) {}

  createDebugAdapterDescriptor(): vscode.DebugAdapterDescriptor {
    // In desktop VS Code process.execPath is Electron: ELECTRON_RUN_AS_NODE makes it a plain Node.
    return new vscode.DebugAdapterExecutable(process.execPath, [this.adapterPath], { env: { ELECTRON_RUN_AS_NODE: '1' } });
  }
}

class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  /** `storeDir`: where docker:// dumps are copied, shared with the Dumps view so a copy is made once. */
  constructor(private readonly storeDir: () => string) {}

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (config.type === undefined && config.request === undefined && config.name === undefined) {
      const dump = await pickDumpFile();
      if (dump === undefined) return undefined;
      Object.assign(config, { type: 'salvage', request: 'launch', name: 'Open dump', dump });
    }
    const settings = vscode.workspace.getConfiguration('salvage');
    config.sourceMapPathOverrides ??= settings.get('sourceMapPathOverrides', {});
    config.searchPaths ??= settings.get('searchPaths', []);
    config.dumpStore ??= this.storeDir();
    config.revealSecrets ??= settings.get('revealSecrets', false);
    config.localRoot ??= (folder ?? vscode.workspace.workspaceFolders?.[0])?.uri.fsPath;
    if (typeof config.dump !== 'string' || config.dump === '') {
      void vscode.window.showErrorMessage('A salvage launch configuration needs "dump": the path of the dump to open.');
      return undefined;
    }
    return config;
  }
}

export function registerDebugger(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory('salvage', new AdapterFactory(context.asAbsolutePath('dist/adapter.js'))), vscode.debug.registerDebugConfigurationProvider('salvage', new ConfigurationProvider(() => dumpStoreDir(context))));
}
