import { ApiError, api } from './api';
import { announce, byId, facts, formatDate, h, show, t, tr } from './dom';
import type { MessageKey } from './messages';
import { type Verdict, type Verification, verdictOf } from './verdict';

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
  byId<HTMLFormElement>('verify-pdf').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>('pdf-file').files?.[0];
    if (!file) {
      announce(t('chooseFile'), 'error');
      return;
    }
    check(() =>
      api<Verification>('POST', '/v1/verify', { body: file, contentType: 'application/pdf', auth: false }),
    );
  });
  byId<HTMLFormElement>('verify-qr').addEventListener('submit', (event) => {
    event.preventDefault();
    const qr = byId<HTMLTextAreaElement>('qr-text').value.trim();
    check(() => api<Verification>('POST', '/v1/verify/qr', { json: { qr }, auth: false }));
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
      const detail = error instanceof ApiError && error.status < 500 ? ` (${error.message})` : '';
      announce(`${t('error')}${detail}`, 'error');
    });
}

function render(answer: Verification): void {
  const verdict = verdictOf(answer);
  const details = DETAILS[verdict];
  const body: Node[] = [
    h(
      'p',
      { id: 'verdict', class: `verdict verdict-${verdict}`, 'data-verdict': verdict },
      t(TITLES[verdict]),
    ),
  ];
  if (details) body.push(h('p', {}, t(details)));
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
