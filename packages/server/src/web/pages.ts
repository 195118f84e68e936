import { escapeHtml } from './html.js';

/** The chat's page; `language` is the inbox's setting, so the app fetches the right words while it starts the visitor. */
export function framePage(language = 'auto'): string {
  return `<!doctype html>
<html lang="en" data-language="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat</title>
<link rel="stylesheet" href="/widget/app.css">
</head>
<body>
<div id="app"></div>
<script src="/widget/app.js" defer></script>
</body>
</html>`;
}

export function demoPage(websiteKey: string | null): string {
  const tag = websiteKey
    ? `<script src="/widget.js" data-website-key="${escapeHtml(websiteKey)}" async></script>`
    : '<!-- no inbox yet: create one in the console -->';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Outdoor — demo shop</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2430; background: #f6f7f9; }
  header { background: #1d2430; color: #fff; padding: 16px 24px; display: flex; justify-content: space-between; }
  header a { color: #cfe0ff; }
  main { max-width: 960px; margin: 24px auto; padding: 0 16px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 16px; }
  .card { background: #fff; border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px rgb(0 0 0 / .1); }
  .price { font-weight: 600; }
</style>
</head>
<body>
<header><strong>Acme Outdoor</strong><a href="/console/">Operator console →</a></header>
<main>
  <h1>Gear for every trail</h1>
  <p>This is Switchboard's demo shop. Open the chat in the corner and write to the operators; answer in the <a href="/console/">console</a>.</p>
  <div class="grid">
    <div class="card"><h2>Trail tent 2P</h2><p>Freestanding, 1.9 kg.</p><p class="price">€249</p></div>
    <div class="card"><h2>Down jacket</h2><p>800 fill, packs into its pocket.</p><p class="price">€189</p></div>
    <div class="card"><h2>Hiking boots</h2><p>Waterproof, Vibram sole.</p><p class="price">€159</p></div>
  </div>
</main>
${tag}
</body>
</html>`;
}
