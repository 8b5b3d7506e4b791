// The heap viewer's page: one script and one stylesheet from the extension, nothing else allowed
// (the content security policy admits only them, by nonce), styled by the theme's variables.

import { randomBytes } from 'crypto';

export interface ViewerAssets {
  script: string;
  style: string;
  cspSource: string;
}

export function viewerHtml(assets: ViewerAssets, title: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `img-src ${assets.cspSource} data:`, `style-src ${assets.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${assets.style}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="root" aria-label="${escapeHtml(title)}"></main>
<script nonce="${nonce}" src="${assets.script}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
