// Loads a bundled webview (dist/*.js) in Debian's headless Chromium through playwright-core, with a
// stand-in for VS Code's acquireVsCodeApi: what the page posts goes to `onMessage` in this Node
// process, and `post` delivers messages back to the page, as a webview panel would.

import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { viewerHtml } from '../../src/extension/heapViewer/viewerHtml';
import { REPO_ROOT } from './repoPaths';

/** A dark theme's values for the variables the viewer's stylesheet uses, so screenshots look real. */
const THEME = `:root { --vscode-foreground: #cccccc; --vscode-editor-background: #1e1e1e; --vscode-font-family: sans-serif;
  --vscode-font-size: 13px; --vscode-panel-border: #444; --vscode-list-hoverBackground: #2a2d2e;
  --vscode-list-activeSelectionBackground: #04395e; --vscode-list-activeSelectionForeground: #fff;
  --vscode-list-inactiveSelectionBackground: #37373d; --vscode-button-background: #0e639c; --vscode-button-foreground: #fff;
  --vscode-input-background: #3c3c3c; --vscode-input-foreground: #ccc; --vscode-focusBorder: #007fd4;
  --vscode-textLink-foreground: #3794ff; --vscode-descriptionForeground: #9d9d9d; --vscode-charts-blue: #3794ff;
  --vscode-charts-green: #89d185; --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7;
  --vscode-charts-yellow: #cca700; --vscode-charts-red: #f14c4c; --vscode-panelTitle-activeBorder: #e7e7e7;
  --vscode-editorWidget-background: #252526; --vscode-tree-indentGuidesStroke: #585858; }`;

export interface WebviewPage {
  page: Page;
  post(message: unknown): Promise<void>;
  close(): Promise<void>;
}

function serve(): Promise<http.Server> {
  const files: Record<string, [string, string]> = {
    '/dist/heapViewer.js': [path.join(REPO_ROOT, 'dist', 'heapViewer.js'), 'text/javascript'],
    '/media/heapViewer.css': [path.join(REPO_ROOT, 'media', 'heapViewer.css'), 'text/css'],
  };
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/theme.css') return response.writeHead(200, { 'content-type': 'text/css' }).end(THEME);
    const file = files[url];
    if (file === undefined) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file[1] }).end(fs.readFileSync(file[0]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function openHeapViewerPage(onMessage: (message: unknown, post: (m: unknown) => Promise<void>) => void): Promise<WebviewPage> {
  const server = await serve();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  const post = (message: unknown) => page.evaluate((m) => window.postMessage(m, '*'), message);
  await page.exposeFunction('__salvageToHost', (message: unknown) => onMessage(message, post));
  await page.addInitScript(() => {
    const w = window as unknown as { acquireVsCodeApi: () => unknown; __salvageToHost: (m: unknown) => void };
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__salvageToHost(m) });
  });
  page.on('pageerror', (e) => console.error('[webview error]', e.message));
  const html = viewerHtml({ script: `${origin}/dist/heapViewer.js`, style: `${origin}/media/heapViewer.css`, cspSource: origin }, 'heap').replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet"`);
  await page.route(`${origin}/viewer.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${origin}/viewer.html`);
  return {
    page,
    post,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}
