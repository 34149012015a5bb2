import { api } from './api';
import { type CitizenRequest, consentForm, requestFacts } from './consent';
import { announce, byId, facts, formatDate, h, show, t, tr } from './dom';
import { ean13Svg } from './ean13';
import { requestedDocumentsList } from './fields';
import { exportHistory, loadHoldings } from './holdings';
import { loadNotifications } from './notifications';
import { signIn } from './sign-in';

// /wallet: documents with their one-time barcodes, requests waiting for consent, who holds what
// (with revoke), history.

interface DocumentSummary {
  docId: string;
  type: string;
  title: string;
  validUntil: string | null;
  status: 'valid' | 'expired';
}

interface List<T> {
  items: T[];
}

// New requests appear after the partner scans the barcode: the list is polled while the tab is visible.
const POLL_MS = 3000;

export async function walletPage(): Promise<void> {
  await signIn();
  show(byId('wallet'));
  byId('refresh-requests').addEventListener('click', () => {
    refreshRequests().catch(failed);
  });
  byId('export-history').addEventListener('click', () => {
    exportHistory().catch(failed);
  });
  await Promise.all([loadDocuments(), refreshRequests(), loadHistory(), loadHoldings(), loadNotifications()]);
  setInterval(() => {
    if (document.visibilityState === 'visible') refreshRequests().catch(() => undefined);
  }, POLL_MS);
}

const failed = () => announce(t('error'), 'error');

async function loadDocuments(): Promise<void> {
  const { items } = await api<List<DocumentSummary>>('GET', '/v1/me/documents?limit=100');
  const list = byId('document-list');
  if (items.length === 0) {
    list.replaceChildren(h('li', {}, t('noDocuments')));
    return;
  }
  list.replaceChildren(
    ...items.map((document) => {
      const button = h(
        'button',
        {
          type: 'button',
          'aria-controls': 'barcode',
          'data-doc-id': document.docId,
          disabled: document.status !== 'valid',
        },
        t('showBarcode'),
      );
      button.addEventListener('click', () => {
        showBarcode(document).catch(failed);
      });
      return h(
        'li',
        { class: 'card' },
        h('h3', {}, document.title),
        h(
          'p',
          { class: document.status === 'valid' ? 'muted' : 'warning' },
          document.status === 'valid'
            ? `${t('validUntil')} ${formatDate(document.validUntil)}`
            : t('documentExpired'),
        ),
        button,
      );
    }),
  );
}

let countdown: ReturnType<typeof setInterval> | undefined;

async function showBarcode(document: DocumentSummary): Promise<void> {
  const { barcode, expiresAt } = await api<{ barcode: string; expiresAt: string }>(
    'POST',
    `/v1/me/documents/${encodeURIComponent(document.docId)}/barcodes`,
  );
  const section = byId('barcode');
  const image = h('img', {
    id: 'barcode-image',
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(ean13Svg(barcode))}`,
    alt: `${t('barcodeAlt')}: ${barcode}`,
    width: '339',
    height: '120',
  });
  const remaining = h('p', { id: 'barcode-countdown' });
  byId('barcode-body').replaceChildren(
    h('p', { class: 'muted' }, document.title),
    image,
    h(
      'p',
      {},
      h('span', { class: 'visually-hidden' }, `${t('barcodeDigits')}: `),
      h('span', { id: 'barcode-digits', class: 'digits' }, barcode),
    ),
    remaining,
    h('p', { class: 'muted' }, t('barcodeHint')),
  );
  show(section);
  byId('barcode-heading').focus();
  if (countdown) clearInterval(countdown);
  const tick = () => {
    const seconds = Math.max(0, Math.round((Date.parse(expiresAt) - Date.now()) / 1000));
    if (seconds === 0) {
      clearInterval(countdown);
      image.remove();
      byId('barcode-digits').textContent = '';
      remaining.textContent = t('barcodeExpired');
      return;
    }
    remaining.textContent = `${t('barcodeExpiresIn')} ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  };
  tick();
  countdown = setInterval(tick, 1000);
}

/**
 * A barcode is single use: once a partner's request arrives, the code is spent. The wallet takes it
 * off the screen (nobody else should read it) and says where the request is.
 */
function retireBarcode(): void {
  const image = document.getElementById('barcode-image');
  if (!image) return;
  if (countdown) clearInterval(countdown);
  image.remove();
  byId('barcode-digits').textContent = '';
  byId('barcode-countdown').textContent = t('barcodeUsed');
}

/** Adds cards for new requests and drops decided ones, leaving the others (and a PIN being typed) alone. */
async function refreshRequests(): Promise<void> {
  const { items } = await api<List<CitizenRequest>>(
    'GET',
    '/v1/me/requests?status=pending_consent&limit=100',
  );
  const list = byId('request-list');
  const wanted = new Set(items.map((request) => request.requestId));
  for (const card of [...list.querySelectorAll<HTMLElement>(':scope > [data-request-id]')]) {
    if (!wanted.has(card.dataset.requestId!)) card.remove();
  }
  let arrived: HTMLLIElement | undefined;
  for (const request of items) {
    if (list.querySelector(`[data-request-id="${CSS.escape(request.requestId)}"]`)) continue;
    arrived = requestCard(request);
    list.append(arrived);
  }
  byId('no-requests').hidden = items.length > 0;
  if (arrived && document.getElementById('barcode-image')) {
    retireBarcode();
    arrived.querySelector('h3')?.setAttribute('tabindex', '-1');
    arrived.querySelector('h3')?.focus();
  }
}

function requestCard(request: CitizenRequest): HTMLLIElement {
  const card = h(
    'li',
    { class: 'card', 'data-request-id': request.requestId },
    h('h3', {}, request.partner.name),
    requestFacts(request),
  );
  card.append(
    consentForm(request, (decision) => {
      card.remove();
      byId('no-requests').hidden = byId('request-list').children.length > 0;
      announce(decision === 'approved' ? t('approved') : t('declined'));
      loadHistory().catch(failed);
      loadHoldings().catch(failed);
    }),
  );
  return card;
}

async function loadHistory(): Promise<void> {
  const { items } = await api<List<CitizenRequest>>('GET', '/v1/me/history?limit=50');
  const list = byId('history-list');
  if (items.length === 0) {
    list.replaceChildren(h('li', {}, t('noHistory')));
    return;
  }
  list.replaceChildren(
    ...items.map((request) =>
      h(
        'li',
        { class: 'card', 'data-history-id': request.requestId },
        h('h3', {}, `${request.partner.name} — ${tr(`status_${request.status}`)}`),
        facts([
          [t('purpose'), request.purpose],
          [t('branch'), request.branch.name],
          [t('generatedAt'), formatDate(request.createdAt)],
          [t('requestedDocuments'), requestedDocumentsList(request.documentTypes, request.sharedFields)],
          [
            t('copies'),
            request.copies.length === 0
              ? '—'
              : request.copies.map((copy) => `${tr(`type_${copy.type}`)} (${copy.copyId})`).join(', '),
          ],
        ]),
      ),
    ),
  );
}
