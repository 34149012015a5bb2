import { ApiError, api, session } from './api';
import { announce, byId, h, lang, show, t } from './dom';
import type { MessageKey } from './messages';
import { finishSignIn, oidcConfig, type SignInOutcome, startSignIn } from './oidc';

// Sign-in for the citizen pages: OpenID Connect code flow with PKCE (oidc.ts) against the identity
// provider the page names in <meta name="docshare-oidc">; locally that is the dev identity provider,
// so local and deployed pages run the same code. The API receives the ID token.
// No "paste a token" form: it would teach citizens to paste credentials into a page, and developers
// with a token call the API directly.

interface Me {
  citizenId: string;
  fullName: string;
}

/** A refusal to tell on the page the sign-in started from, across the navigation back to it. */
const NOTICE_KEY = 'docshare.signInNotice';
type Refusal = Extract<SignInOutcome, { kind: 'refused' }>['reason'];

const REFUSALS: Record<Refusal, MessageKey> = {
  cancelled: 'signInCancelled',
  failed: 'signInFailed',
  state: 'signInStateMismatch',
};

/** Resolves with the signed-in citizen once there is one (at once if the tab already has a token). */
export async function signIn(): Promise<Me> {
  const config = oidcConfig();
  if (config) {
    const outcome = await finishSignIn(config);
    if (outcome.kind === 'refused') {
      sessionStorage.setItem(NOTICE_KEY, outcome.reason);
      if (outcome.returnTo && !returnTo(outcome.returnTo)) return new Promise<Me>(() => undefined);
    }
    const notice = sessionStorage.getItem(NOTICE_KEY) as Refusal | null;
    sessionStorage.removeItem(NOTICE_KEY);
    if (notice && notice in REFUSALS) announce(t(REFUSALS[notice]), 'error');
    if (outcome.kind === 'signedIn') {
      session.set(outcome.idToken);
      if (!returnTo(outcome.returnTo)) return new Promise<Me>(() => undefined); // leaving for that page
    }
  }
  if (session.get()) {
    try {
      return await whoAmI();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      session.clear();
      announce(t('signInAgain'), 'error');
    }
  }
  // Signing in leaves the page; it loads again, signed in, when the provider sends the citizen back.
  return new Promise<Me>(() => {
    show(byId('sign-in'));
    const button = byId<HTMLButtonElement>('sign-in-button');
    if (!config) {
      button.disabled = true;
      announce(t('signInUnavailable'), 'error');
      return;
    }
    button.addEventListener('click', () => {
      button.disabled = true;
      startSignIn(config, lang).catch(() => {
        button.disabled = false;
        announce(t('error'), 'error');
      });
    });
  });
}

/**
 * Back to the page the sign-in started from (the provider always returns to the one callback page).
 * True when that is this page in this language, so it can carry on; false when the browser is leaving.
 */
function returnTo(path: string): boolean {
  const target = new URL(path, location.origin);
  if (target.origin !== location.origin) return true; // never anywhere else: stay here
  if (target.pathname === location.pathname && (target.searchParams.get('lang') ?? 'uk') === lang) {
    history.replaceState(null, '', target.pathname + target.search);
    return true;
  }
  location.replace(target.href);
  return false;
}

async function whoAmI(): Promise<Me> {
  const me = await api<Me>('GET', '/v1/me');
  const bar = byId('account');
  bar.replaceChildren(
    h('span', {}, `${t('signedInAs')} `, h('strong', {}, me.fullName)),
    h('button', { type: 'button', id: 'sign-out', class: 'link' }, t('signOut')),
  );
  show(bar);
  byId('sign-out').addEventListener('click', () => {
    session.clear();
    location.reload();
  });
  return me;
}
