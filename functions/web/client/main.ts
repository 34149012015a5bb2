import { deeplinkPage } from './deeplink';
import { announce, t } from './dom';
import { qrPage } from './qr';
import { walletPage } from './wallet';

// The one script of the web pages (served as /assets/app.js; the CSP allows no inline script).
// Each page says which it is in <body data-page>. /verify has its own script (verify-main.ts).

const pages: Record<string, () => void | Promise<void>> = {
  wallet: walletPage,
  deeplink: deeplinkPage,
  qr: qrPage,
};

const start = pages[document.body.dataset.page ?? ''];
Promise.resolve(start?.()).catch(() => announce(t('error'), 'error'));
