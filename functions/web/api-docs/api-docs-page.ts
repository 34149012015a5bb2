// GET /docs: the API reference, rendered in the browser from /openapi.json by Swagger UI — a
// maintained renderer, self-hosted (its bundle ships in this function's assets), so the page loads
// nothing from another origin and stays under the pages' CSP (no inline script or style).

export function renderApiDocsPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>docshare API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/swagger-ui.css">
</head>
<body>
<noscript>The reference needs JavaScript; the same contract is at <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="api-reference"></div>
<script src="/assets/swagger-ui.js"></script>
<script src="/assets/api-docs.js"></script>
</body>
</html>
`;
}
