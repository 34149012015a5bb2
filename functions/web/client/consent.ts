import { ApiError, api } from './api';
import { facts, formatDate, h, t } from './dom';
import { requestedDocumentsList, type SharedFields } from './fields';

// A request as the citizen sees it (who asks, for what, until when) with the PIN form that decides it.
// Used by the wallet's pending list and by the deep-link page.

export interface CitizenRequest {
  requestId: string;
  status: string;
  partner: { partnerId: string; name: string };
  branch: { name: string; address: string };
  purpose: string;
  documentTypes: string[];
  sharedFields?: SharedFields[];
  accessDays: number;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  returnLink?: string;
  /** Deep links: the code the partner shows its user. */
  sessionCode?: string;
  copies: Array<{ copyId: string; type: string; generatedAt: string; expiresAt: string }>;
}

export type Decision = 'approved' | 'declined';

export function requestFacts(request: CitizenRequest): HTMLDListElement {
  return facts([
    [t('requestedBy'), request.partner.name],
    [t('branch'), `${request.branch.name}, ${request.branch.address}`],
    [t('purpose'), request.purpose],
    [t('requestedDocuments'), requestedDocumentsList(request.documentTypes, request.sharedFields)],
    [t('expiresAt'), formatDate(request.expiresAt)],
    [t('accessDays'), request.accessDays === 0 ? t('accessOnce') : String(request.accessDays)],
    ...(request.sessionCode ? [sessionCodeFact(request.sessionCode)] : []),
  ]);
}

function sessionCodeFact(code: string): [string, HTMLElement] {
  return [t('sessionCode'), h('strong', { id: 'session-code', class: 'digits' }, code)];
}

/** The PIN form: approve (with the PIN) or decline; calls `decided` once the API has recorded it. */
export function consentForm(request: CitizenRequest, decided: (decision: Decision) => void): HTMLFormElement {
  const pinId = `pin-${request.requestId}`;
  const errorId = `${pinId}-error`;
  const pin = h('input', {
    id: pinId,
    name: 'pin',
    type: 'password',
    inputmode: 'numeric',
    pattern: '[0-9]{5}',
    maxlength: '5',
    autocomplete: 'off',
    required: true,
    'aria-describedby': errorId,
  });
  const error = h('p', { id: errorId, class: 'error', 'aria-live': 'assertive' });
  const approveButton = h('button', { type: 'submit' }, t('approve'));
  const declineButton = h('button', { type: 'button', class: 'secondary' }, t('decline'));
  const form = h(
    'form',
    { class: 'consent' },
    h('label', { for: pinId }, t('pin')),
    pin,
    error,
    h('div', { class: 'actions' }, approveButton, declineButton),
  );
  const busy = (on: boolean) => {
    approveButton.disabled = on;
    declineButton.disabled = on;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    busy(true);
    try {
      await api(
        'POST',
        `/v1/me/requests/${encodeURIComponent(request.requestId)}/approve?partnerId=${encodeURIComponent(request.partner.partnerId)}`,
        {
          json: { pin: pin.value },
        },
      );
      decided('approved');
    } catch (failure) {
      pin.value = '';
      pin.setAttribute('aria-invalid', 'true');
      error.textContent = explain(failure);
      pin.focus();
    } finally {
      busy(false);
    }
  });
  declineButton.addEventListener('click', async () => {
    busy(true);
    try {
      await api(
        'POST',
        `/v1/me/requests/${encodeURIComponent(request.requestId)}/decline?partnerId=${encodeURIComponent(request.partner.partnerId)}`,
      );
      decided('declined');
    } catch (failure) {
      error.textContent = explain(failure);
    } finally {
      busy(false);
    }
  });
  return form;
}

function explain(failure: unknown): string {
  if (failure instanceof ApiError) {
    if (failure.code === 'pin_invalid')
      return `${t('pinInvalid')} ${String(failure.problem.attemptsLeft ?? '')}`;
    if (failure.code === 'pin_locked') return t('pinLocked');
  }
  return t('error');
}

/** A link back to the partner, only for http(s) URLs (never `javascript:`). */
export function returnLinkOf(request: CitizenRequest): HTMLAnchorElement | null {
  if (!request.returnLink) return null;
  try {
    const url = new URL(request.returnLink);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return h(
      'a',
      { id: 'return-link', class: 'button', href: url.href, rel: 'noreferrer' },
      t('returnToPartner'),
    );
  } catch {
    return null;
  }
}
