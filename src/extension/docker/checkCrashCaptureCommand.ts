// Salvage: Check Crash Capture — on a container, an endpoint or the host's crash handler in the
// Dumps view (or from the palette: every Node container of the current endpoint), the report of
// `salvage doctor`, shown as a read-only Markdown preview. It returns the report too, for other
// extensions and tests.

import * as vscode from 'vscode';
import { errorMessage } from '../../engine/errorMessage';
import { captureMarkdown } from '../../sources/capture/captureMarkdown';
import { type CaptureOptions, type CaptureReport, checkCrashCapture } from '../../sources/capture/checkCrashCapture';
import type { DumpsNode } from '../dumps/dumpsTreeProvider';
import { dockerEnabled } from './dockerSettings';

const SCHEME = 'salvage-capture';

/** What to check for the node the command was invoked on; a string names a container. */
function scopeOf(arg: unknown): Pick<CaptureOptions, 'docker' | 'containers'> {
  if (typeof arg === 'string') return { docker: 'current', containers: [arg] };
  const node = arg as DumpsNode | undefined;
  const facts = node?.type === 'place' ? node.place.facts : undefined;
  const context = typeof facts?.context === 'string' ? [facts.context] : undefined;
  if (node?.type === 'place' && node.place.role === 'container' && typeof facts?.container === 'string') return { docker: context ?? 'current', containers: [facts.container] };
  if (node?.type === 'place' && node.place.role === 'host') return { docker: 'off' };
  return { docker: context ?? (dockerEnabled() ? 'current' : 'off') };
}

export function registerCheckCrashCapture(): vscode.Disposable[] {
  // Each check is a new document (its own URI), so a shown one never changes.
  const documents = new Map<string, string>();
  let count = 0;
  const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: (uri) => documents.get(uri.toString()) ?? '' };

  async function run(arg: unknown): Promise<CaptureReport | undefined> {
    const scope = scopeOf(arg);
    try {
      const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Checking crash capture…', cancellable: true }, async (_progress, token) => {
        const controller = new AbortController();
        const cancelled = token.onCancellationRequested(() => controller.abort());
        try {
          return await checkCrashCapture({ ...scope, signal: controller.signal });
        } finally {
          cancelled.dispose();
        }
      });
      const what = scope.containers?.[0] ?? (scope.docker === 'off' ? 'this host' : 'containers');
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/Crash capture of ${what}.md`, query: String(++count) });
      documents.set(uri.toString(), captureMarkdown(report));
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return report;
    } catch (error) {
      void vscode.window.showErrorMessage(`Salvage could not check crash capture: ${errorMessage(error)}`);
      return undefined;
    }
  }

  return [vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider), vscode.commands.registerCommand('salvage.checkCrashCapture', run)];
}
