/**
 * Markup, script-bearing links and entity tricks, for tests: each must come
 * out as text (or as a plain http(s) link) wherever user text is shown (the
 * renderer's tests, transcripts).
 */
export const XSS: string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '"><img src=x onerror=alert(1)>',
  "'><a href=javascript:alert(1)>x</a>",
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](//evil.example.com)',
  '[click](/relative/path)',
  '[x](https://a.io/"onmouseover="alert(1))',
  '[**<b>x</b>**](https://a.io)',
  'javascript:alert(1)',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#x3C;img src=x onerror=alert(1)&#x3E;',
  '**<i>nested</i> *<u>deeper</u>***',
  '`<script>alert(1)</script>`',
  '- <iframe src="https://evil.example.com"></iframe>',
  '1. <a href="javascript:alert(1)">x</a>',
  'https://a.io/<script>alert(1)</script>',
  'https://a.io/"onmouseover="alert(1)',
  `${'*'.repeat(5000)}x${'*'.repeat(5000)}`,
  `${'[a]('.repeat(2000)}https://a.io${')'.repeat(2000)}`,
  '\u202Eevil\u202C <b>x</b>',
];
