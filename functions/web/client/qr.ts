import { ApiError, api } from './api';
import { announce, byId, facts, h, show, t } from './dom';
import { requestedDocumentsList, type SharedFields } from './fields';
import { signIn } from './sign-in';

// /q/{qrCode}: where an organisation's poster QR lands. Anyone sees who asks for which documents;
// a signed-in citizen shares them with the PIN, and the signed copies go to the branch's e-mail.

interface QrInfo {
  organisation: { name: string; taxId?: string };
  branch: { name: string; address: string };
  service: { name: string };
  documentTypes: string[];
  sharedFields?: SharedFields[];
  acceptsShares: boolean;
  version: string;
}

export async function qrPage(): Promise<void> {
  const code = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const path = `/v1/qr/${encodeURIComponent(code)}`;
  let info: QrInfo;
  try {
    info = await api<QrInfo>('GET', path, { auth: false });
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    announce(t(status === 404 || status === 400 ? 'qrNotFound' : 'error'), 'error');
    return;
  }
  byId('qr-heading').textContent = info.organisation.name;
  byId('qr-body').replaceChildren(
    facts([
      [t('branch'), `${info.branch.name}, ${info.branch.address}`],
      [t('qrService'), info.service.name],
      [t('requestedDocuments'), requestedDocumentsList(info.documentTypes, info.sharedFields)],
    ]),
  );
  show(byId('qr-request'));
  if (!info.acceptsShares) {
    announce(t('qrNotReady'), 'error');
    return;
  }
  await signIn();
  const form = shareForm(code, info.version, () => {
    form.remove();
    const said = h(
      'p',
      { id: 'outcome', class: 'outcome', tabindex: '-1', 'data-status': 'approved' },
      t('qrShared'),
    );
    byId('qr-body').append(said);
    said.focus();
  });
  byId('qr-body').append(form);
  form.querySelector('input')?.focus();
}

function shareForm(code: string, version: string, shared: () => void): HTMLFormElement {
  const pin = h('input', {
    id: 'qr-pin',
    name: 'pin',
    type: 'password',
    inputmode: 'numeric',
    pattern: '[0-9]{5}',
    maxlength: '5',
    autocomplete: 'off',
    required: true,
    'aria-describedby': 'qr-pin-error',
  });
  const error = h('p', { id: 'qr-pin-error', class: 'error', 'aria-live': 'assertive' });
  const button = h('button', { type: 'submit' }, t('qrShare'));
  const form = h(
    'form',
    { class: 'consent' },
    h('label', { for: 'qr-pin' }, t('pin')),
    pin,
    error,
    h('div', { class: 'actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    button.disabled = true;
    try {
      await api('POST', `/v1/me/qr/${encodeURIComponent(code)}/shares`, {
        json: { pin: pin.value, version },
      });
      shared();
    } catch (failure) {
      pin.value = '';
      pin.setAttribute('aria-invalid', 'true');
      error.textContent = explain(failure);
      pin.focus();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function explain(failure: unknown): string {
  if (!(failure instanceof ApiError)) return t('error');
  if (failure.code === 'pin_invalid')
    return `${t('pinInvalid')} ${String(failure.problem.attemptsLeft ?? '')}`;
  if (failure.code === 'pin_locked') return t('pinLocked');
  if (failure.code === 'rate_limited') return t('qrRateLimited');
  if (failure.status === 409) return t('qrNotReady');
  return t('error');
}
