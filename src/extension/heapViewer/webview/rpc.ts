// The webview's side of the protocol: numbered requests answered by the host, and the host's
// loading events passed to one listener.

import type { HostMessage, ViewerRequest, WebviewMessage } from '../protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export type LoadingEvent = Exclude<HostMessage, { type: 'response' }>;

export class HostConnection {
  private readonly api = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(onLoading: (event: LoadingEvent) => void) {
    window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
      const message = event.data;
      if (message.type !== 'response') return onLoading(message);
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter?.reject(new Error(message.error));
      else waiter?.resolve(message.result);
    });
    this.api.postMessage({ type: 'ready' });
  }

  request<T>(request: ViewerRequest): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      this.api.postMessage({ type: 'request', id, request });
    });
  }

  cancelLoading(): void {
    this.api.postMessage({ type: 'cancel' });
  }
}
