import { type Lang, type MessageKey, messages } from './client/messages';
import { OIDC_META_NAME, type OidcConfig } from './client/oidc-config';

// The HTML of the web pages: static shells in the chosen language. Everything personal is fetched by
// /assets/app.js from the API after sign-in, so a page never carries data and can be cached by nobody.

export type PageName = 'wallet' | 'deeplink' | 'verify' | 'qr';

const TITLES: Record<PageName, MessageKey> = {
  wallet: 'walletTitle',
  deeplink: 'deeplinkTitle',
  verify: 'verifyTitle',
  qr: 'qrTitle',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * `path` is the page's own path (for the language switch); it comes from a validated route.
 * `oidc`: the identity provider the script signs in with, as a <meta> (no inline script under the CSP).
 */
export function renderPage(page: PageName, lang: Lang, path: string, oidc?: OidcConfig): string {
  const m = messages(lang);
  const w = (key: MessageKey) => escapeHtml(m[key]);
  const other: Lang = lang === 'uk' ? 'en' : 'uk';
  const withLang = (href: string, target: Lang) => (target === 'uk' ? href : `${href}?lang=${target}`);
  const bodies: Record<PageName, (w: Words) => string> = {
    wallet: walletBody,
    deeplink: deeplinkBody,
    verify: verifyBody,
    qr: qrBody,
  };
  const body = bodies[page](w);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${oidc ? `<meta name="${OIDC_META_NAME}" content="${escapeHtml(JSON.stringify(oidc))}">\n` : ''}<meta name="color-scheme" content="light">
<title>${w(TITLES[page])} · docshare</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/${page === 'verify' ? 'verify' : 'app'}.js" defer></script>
</head>
<body data-page="${page}">
<a class="skip" href="#main">${w('skipToContent')}</a>
<header>
<nav aria-label="docshare">
<a href="${withLang('/wallet', lang)}"${page === 'wallet' ? ' aria-current="page"' : ''}>${w('navWallet')}</a>
<a href="${withLang('/verify', lang)}"${page === 'verify' ? ' aria-current="page"' : ''}>${w('navVerify')}</a>
<a class="lang" href="${escapeHtml(withLang(path, other))}" lang="${other}" hreflang="${other}" aria-label="${w('switchLanguageLabel')}">${w('switchLanguage')}</a>
</nav>
</header>
<main id="main" tabindex="-1">
<h1>${w(TITLES[page])}</h1>
<p id="status" role="status" aria-live="polite"></p>
${body}
</main>
</body>
</html>
`;
}

type Words = (key: MessageKey) => string;

function signInSection(w: Words): string {
  return `<div id="account" hidden></div>
<section id="sign-in" aria-labelledby="sign-in-heading" hidden>
<h2 id="sign-in-heading">${w('signInHeading')}</h2>
<p class="muted">${w('signInHint')}</p>
<button type="button" id="sign-in-button">${w('signIn')}</button>
</section>`;
}

function walletBody(w: Words): string {
  return `${signInSection(w)}
<div id="wallet" hidden>
<section id="barcode" aria-labelledby="barcode-heading" hidden>
<h2 id="barcode-heading" tabindex="-1">${w('barcodeHeading')}</h2>
<div id="barcode-body"></div>
</section>
<section aria-labelledby="requests-heading">
<h2 id="requests-heading">${w('pendingRequests')}</h2>
<p id="no-requests">${w('noPendingRequests')}</p>
<ul id="request-list" class="cards"></ul>
<button type="button" id="refresh-requests" class="secondary">${w('refresh')}</button>
</section>
<section aria-labelledby="notifications-heading">
<h2 id="notifications-heading">${w('notificationsHeading')}</h2>
<ul id="notification-list" class="cards"></ul>
</section>
<section aria-labelledby="documents-heading">
<h2 id="documents-heading">${w('documents')}</h2>
<ul id="document-list" class="cards"></ul>
</section>
<section aria-labelledby="consents-heading">
<h2 id="consents-heading">${w('consentsHeading')}</h2>
<p class="muted">${w('consentsHint')}</p>
<ul id="consent-list" class="cards"></ul>
</section>
<section aria-labelledby="history-heading">
<h2 id="history-heading">${w('history')}</h2>
<ul id="history-list" class="cards"></ul>
<button type="button" id="export-history" class="secondary">${w('exportHistory')}</button>
</section>
</div>`;
}

function deeplinkBody(w: Words): string {
  return `${signInSection(w)}
<section id="request" aria-labelledby="request-heading" hidden>
<h2 id="request-heading">${w('requestedBy')}</h2>
<div id="request-body"></div>
</section>`;
}

function qrBody(w: Words): string {
  return `<section id="qr-request" aria-labelledby="qr-heading" hidden>
<h2 id="qr-heading">${w('qrOrganisation')}</h2>
<div id="qr-body"></div>
</section>
${signInSection(w)}`;
}

function verifyBody(w: Words): string {
  return `<section aria-labelledby="scan-heading">
<h2 id="scan-heading">${w('scanHeading')}</h2>
<p class="muted">${w('scanHint')}</p>
<button type="button" id="scan-camera">${w('scanCamera')}</button>
<video id="camera" hidden muted playsinline></video>
<label for="scan-file">${w('scanFileLabel')}</label>
<input id="scan-file" name="scan" type="file" accept="image/*,application/pdf,.pdf">
</section>
<section aria-labelledby="pdf-heading">
<h2 id="pdf-heading">${w('verifyPdfHeading')}</h2>
<form id="verify-pdf">
<label for="pdf-file">${w('verifyPdfLabel')}</label>
<input id="pdf-file" name="pdf" type="file" accept="application/pdf,.pdf" required>
<button type="submit">${w('verifyButton')}</button>
</form>
</section>
<section aria-labelledby="qr-heading">
<h2 id="qr-heading">${w('verifyQrHeading')}</h2>
<form id="verify-qr">
<label for="qr-text">${w('verifyQrLabel')}</label>
<textarea id="qr-text" name="qr" required spellcheck="false" autocapitalize="off"></textarea>
<button type="submit">${w('verifyButton')}</button>
</form>
</section>
<section id="result" aria-labelledby="result-heading" hidden>
<h2 id="result-heading" tabindex="-1">${w('verifyResult')}</h2>
<div id="result-body"></div>
</section>`;
}
