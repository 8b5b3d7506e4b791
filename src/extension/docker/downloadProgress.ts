// Copying a dump out of a container can take a while (cores are large): it runs under a
// notification with "12.0 MiB of 46.8 MiB" progress and a Cancel button, which aborts the download
// (and the atomic writer removes what was written).

import * as vscode from 'vscode';
import { formatBytes } from '../../engine/format';

export type DownloadTask<T> = (signal: AbortSignal, onProgress: (p: { bytes: number; total?: number }) => void) => Promise<T>;

export function withDownloadProgress<T>(title: string, task: DownloadTask<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const cancelled = token.onCancellationRequested(() => controller.abort());
    let reported = 0;
    try {
      return await task(controller.signal, ({ bytes, total }) => {
        const percent = total === undefined || total === 0 ? 0 : (100 * bytes) / total;
        progress.report({ increment: percent - reported, message: `${formatBytes(bytes)}${total === undefined ? '' : ` of ${formatBytes(total)}`}` });
        reported = percent;
      });
    } finally {
      cancelled.dispose();
    }
  });
}
