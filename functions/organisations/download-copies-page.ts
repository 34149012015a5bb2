import { peekDownloadLink } from '../core/organisations/download-links';
import { http } from '../http/handler';
import { reply } from '../http/reply';
import { PAGE_HEADERS } from '../http/security-headers';
import { downloadLinks } from './ports';
import { downloadCopiesPage } from './routes';

// GET of the mailed download link: a page with one button. Mail scanners and link previews follow
// every link in a message; if GET used the link up, they would spend the branch's only download.
// The button POSTs to the same address, which uses it up (download-copies.ts).
export const handler = http(downloadCopiesPage, async ({ params }) => {
  const link = await peekDownloadLink(downloadLinks, params.token);
  const until = new Date(link.expiresAt).toISOString().replace('T', ' ').slice(0, 16);
  const html = `<!doctype html>
<html lang="uk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Копії документів · docshare</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<main id="main">
<h1>Копії документів</h1>
<p>Підписані копії та metadata.json — одним архівом ZIP. Посилання спрацює один раз, до ${until} UTC.</p>
<p lang="en">Signed copies and metadata.json in one ZIP file. The link works once, until ${until} UTC.</p>
<form method="post">
<button type="submit" id="download">Завантажити · Download</button>
</form>
</main>
</body>
</html>
`;
  return reply.text(200, 'text/html; charset=utf-8', html, { ...PAGE_HEADERS, 'cache-control': 'no-store' });
});
