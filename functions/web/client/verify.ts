import { InvalidCopyQr } from '../../core/qr/copy-qr-claims';
import { ApiError, api } from './api';
import { announce, byId, facts, formatDate, h, show, t, tr } from './dom';
import type { MessageKey } from './messages';
import { checkCopyQrOffline, type PublicJwk } from './offline-qr';
import { readQrFromImage, readQrFromPdf, scanWithCamera } from './qr-reader';
import { type CopyStatus, type Verdict, type Verification, verdictOf } from './verdict';

// /verify: anyone checks a copy by its PDF (signature over the whole file) or by the QR text printed
// on it (DS1: COSE), and sees whether it is genuine, modified, revoked or expired, and for whom it was made.

const TITLES: Record<Verdict, MessageKey> = {
  genuine: 'verdictGenuine',
  modified: 'verdictModified',
  unsigned: 'verdictUnsigned',
  revoked: 'verdictRevoked',
  expired: 'verdictExpired',
  unknown: 'verdictUnknown',
};
const DETAILS: Partial<Record<Verdict, MessageKey>> = {
  genuine: 'verdictGenuineDetail',
  modified: 'verdictModifiedDetail',
  unsigned: 'verdictUnsignedDetail',
  revoked: 'verdictRevokedDetail',
  expired: 'verdictExpiredDetail',
};

export function verifyPage(): void {
  registerOfflineCopy();
  byId<HTMLFormElement>('verify-pdf').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>('pdf-file').files?.[0];
    if (!file) {
      announce(t('chooseFile'), 'error');
      return;
    }
    check(async () => {
      try {
        return await api<Verification>('POST', '/v1/verify', {
          body: file,
          contentType: 'application/pdf',
          auth: false,
        });
      } catch (error) {
        if (error instanceof ApiError) throw error;
        // No network: the whole file cannot be checked, but the QR it carries can.
        const qr = await readQrFromPdf(file);
        if (!qr) throw error;
        return checkQr(qr);
      }
    });
  });
  byId<HTMLFormElement>('verify-qr').addEventListener('submit', (event) => {
    event.preventDefault();
    check(() => checkQr(byId<HTMLTextAreaElement>('qr-text').value));
  });
  byId<HTMLInputElement>('scan-file').addEventListener('change', () => {
    const file = byId<HTMLInputElement>('scan-file').files?.[0];
    if (!file) return;
    check(async () => {
      const isPdf = file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
      const qr = isPdf ? await readQrFromPdf(file) : await readQrFromImage(file);
      if (!qr) throw new NoQrFound();
      return checkQr(qr);
    });
  });
  const cameraButton = byId<HTMLButtonElement>('scan-camera');
  let camera: { stop(): void } | undefined;
  cameraButton.addEventListener('click', async () => {
    const video = byId<HTMLVideoElement>('camera');
    if (camera) {
      camera.stop();
      camera = undefined;
      show(video, false);
      cameraButton.textContent = t('scanCamera');
      return;
    }
    try {
      show(video);
      cameraButton.textContent = t('scanCameraStop');
      camera = await scanWithCamera(video, (qr) => {
        camera = undefined;
        show(video, false);
        cameraButton.textContent = t('scanCamera');
        check(() => checkQr(qr));
      });
    } catch {
      show(video, false);
      cameraButton.textContent = t('scanCamera');
      announce(t('cameraUnavailable'), 'error');
    }
  });
}

class NoQrFound extends Error {}

/**
 * A QR checked in the browser (signature against the cached keys), then — when the network is there —
 * the copy's status asked from the API. Offline the answer says so: the signature is proof, the
 * revocation status is unknown.
 */
async function checkQr(text: string): Promise<Verification> {
  const { keys } = await api<{ keys: PublicJwk[] }>('GET', '/.well-known/jwks.json', { auth: false });
  const { claims, signatureValid } = await checkCopyQrOffline(text, keys);
  if (!signatureValid) return { signature: 'invalid', checkedOffline: true };
  const signed = { claims, holder: claims.holder };
  try {
    const copy = await api<CopyStatus>('GET', `/v1/verify/copies/${encodeURIComponent(claims.copyId)}`, {
      auth: false,
    });
    return { signature: 'valid', copy, ...signed };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { signature: 'valid', ...signed };
    if (error instanceof ApiError) throw error;
    return { signature: 'valid', checkedOffline: true, ...signed };
  }
}

/** The service worker that keeps this page, its script and the keys for use without a network. */
function registerOfflineCopy(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/assets/verify-sw.js', { scope: '/verify' }).catch(() => {
    // Without it the page still works online; nothing to tell the user.
  });
}

function check(call: () => Promise<Verification>): void {
  announce(t('loading'));
  call()
    .then((answer) => {
      announce('');
      render(answer);
    })
    .catch((error) => {
      show(byId('result'), false);
      if (error instanceof NoQrFound) return announce(t('noQrFound'), 'error');
      if (error instanceof InvalidCopyQr) return announce(`${t('error')} (${error.message})`, 'error');
      const detail = error instanceof ApiError && error.status < 500 ? ` (${error.message})` : '';
      announce(`${t('error')}${detail}`, 'error');
    });
}

function render(answer: Verification): void {
  const verdict = verdictOf(answer);
  // A QR vouches for what it signs, not for a file: say so.
  const details = verdict === 'genuine' && answer.claims ? 'verdictGenuineQrDetail' : DETAILS[verdict];
  const body: Node[] = [
    h(
      'p',
      { id: 'verdict', class: `verdict verdict-${verdict}`, 'data-verdict': verdict },
      t(TITLES[verdict]),
    ),
  ];
  if (details) body.push(h('p', {}, t(details)));
  if (answer.signature === 'valid' && answer.claims) {
    body.push(
      h(
        'p',
        { id: 'checked-mode', 'data-mode': answer.checkedOffline ? 'offline' : 'online' },
        t(answer.checkedOffline ? 'checkedOffline' : 'checkedOnline'),
      ),
    );
  }
  if (!answer.copy && answer.claims && answer.signature === 'valid') body.push(claimFacts(answer.claims));
  if (answer.copy) {
    body.push(
      facts([
        [t('documentType'), tr(`type_${answer.copy.documentType}`)],
        [t('issuedTo'), `${answer.copy.issuedTo.partner}, ${answer.copy.issuedTo.branch}`],
        [t('generatedAt'), formatDate(answer.copy.generatedAt)],
        ...(answer.copy.extract
          ? [
              [t('extractOf'), h('span', { id: 'copy-extract' }, (answer.copy.fields ?? []).join(', '))] as [
                string,
                HTMLElement,
              ],
            ]
          : []),
      ]),
    );
  }
  if (answer.holder && verdict !== 'modified') body.push(holderFacts(answer.holder));
  byId('result-body').replaceChildren(...body);
  show(byId('result'));
  byId('result-heading').focus();
}

/** What the QR signs about the holder, for the verifier to compare with the paper and the person. */
function holderFacts(holder: NonNullable<Verification['holder']>): HTMLElement {
  const rows: Array<[string, string]> = [];
  if (holder.holderName) rows.push([t('holderName'), holder.holderName]);
  if (holder.birthDate) rows.push([t('holderBirthDate'), formatDate(holder.birthDate)]);
  if (holder.numberEnd) rows.push([t('holderNumberEnd'), `…${holder.numberEnd}`]);
  return h(
    'section',
    { id: 'holder', 'aria-labelledby': 'holder-heading' },
    h('h3', { id: 'holder-heading' }, t('holderHeading')),
    h('p', { class: 'muted' }, t('holderCompare')),
    facts(rows),
  );
}

/** What the QR itself signs, shown when the copy's record could not be asked (offline). */
function claimFacts(claims: NonNullable<Verification['claims']>): HTMLElement {
  return facts([
    [t('documentType'), tr(`type_${claims.documentType}`)],
    [t('purpose'), claims.purpose],
    [t('generatedAt'), formatDate(claims.generatedAt.toISOString())],
    [t('copyValidUntil'), formatDate(claims.expiresAt.toISOString())],
    ...(claims.fields
      ? [
          [t('extractOf'), h('span', { id: 'copy-extract' }, claims.fields.join(', '))] as [
            string,
            HTMLElement,
          ],
        ]
      : []),
  ]);
}
