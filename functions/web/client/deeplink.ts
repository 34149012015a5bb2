import { ApiError, api } from './api';
import { type CitizenRequest, consentForm, type Decision, requestFacts, returnLinkOf } from './consent';
import { announce, byId, h, show, t, tr } from './dom';
import { signIn } from './sign-in';

// /d/{token}: the page a partner's deep link (or its QR) opens. Opening binds the request to the
// signed-in citizen; the citizen approves with the PIN or declines, then goes back to the partner.

export async function deeplinkPage(): Promise<void> {
  const token = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  await signIn();
  let request: CitizenRequest;
  try {
    request = await api<CitizenRequest>('GET', `/v1/me/deeplinks/${encodeURIComponent(token)}`);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    announce(
      t(
        status === 409
          ? 'linkTaken'
          : status === 410
            ? 'linkGone'
            : status === 404 || status === 400
              ? 'linkNotFound'
              : 'error',
      ),
      'error',
    );
    return;
  }
  const section = byId('request');
  byId('request-heading').textContent = request.partner.name;
  byId('request-body').replaceChildren(requestFacts(request));
  show(section);
  if (request.status === 'pending_consent') {
    const form = consentForm(request, async (decision) => {
      form.remove();
      // Decided: the way back now carries the one-time result the partner's session checks.
      const decided = await api<CitizenRequest>('GET', `/v1/me/deeplinks/${encodeURIComponent(token)}`).catch(
        () => ({ ...request, returnLink: undefined }),
      );
      outcome({ ...decided, status: decision }, decision);
    });
    byId('request-body').append(form);
    form.querySelector('input')?.focus();
  } else {
    outcome(request);
  }
}

function outcome(request: CitizenRequest, decision?: Decision): void {
  const message = decision ? t(decision) : tr(`status_${request.status}`);
  const body = byId('request-body');
  // Focus moves to the outcome, so a screen reader reads it; the return link is the next Tab stop.
  const said = h(
    'p',
    { id: 'outcome', class: 'outcome', tabindex: '-1', 'data-status': request.status },
    message,
  );
  body.append(said);
  const back = returnLinkOf(request);
  if (back) body.append(h('p', {}, back));
  said.focus();
}
