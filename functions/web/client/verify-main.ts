import { announce, t } from './dom';
import { verifyPage } from './verify';

// The /verify page's own script (served as /assets/verify.js): it carries the in-browser QR check
// (CBOR, the document field lists, jsQR) that the citizen pages do not need.
Promise.resolve()
  .then(verifyPage)
  .catch(() => announce(t('error'), 'error'));
