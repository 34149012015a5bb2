import { ApiError, api, session } from './api';
import { announce, byId, h, show, t } from './dom';

// Sign-in for the citizen pages. Locally the dev identity provider answers /dev/citizens and
// /dev/citizen-token: the page offers its seeded citizens. Elsewhere (no such routes) the citizen
// pastes a token from the identity provider; a real deployment puts its own login in front.

interface Me {
  citizenId: string;
  fullName: string;
}

/** Resolves with the signed-in citizen once there is one (at once if the tab already has a token). */
export async function signIn(): Promise<Me> {
  if (session.get()) {
    try {
      return await whoAmI();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
      session.clear();
      announce(t('signInAgain'), 'error');
    }
  }
  return new Promise((resolve, reject) => {
    const section = byId('sign-in');
    show(section);
    offerDevCitizens().catch(() => undefined);
    const accept = async (token: string) => {
      session.set(token);
      try {
        const me = await whoAmI();
        show(section, false);
        resolve(me);
      } catch (error) {
        session.clear();
        if (error instanceof ApiError && error.status === 401) announce(t('signInAgain'), 'error');
        else reject(error);
      }
    };
    byId<HTMLFormElement>('dev-sign-in').addEventListener('submit', async (event) => {
      event.preventDefault();
      const citizenId = byId<HTMLSelectElement>('dev-citizen').value;
      try {
        const { token } = await api<{ token: string }>('POST', '/dev/citizen-token', {
          json: { citizenId },
          auth: false,
        });
        await accept(token);
      } catch {
        announce(t('error'), 'error');
      }
    });
    byId<HTMLFormElement>('token-sign-in').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = byId<HTMLInputElement>('citizen-token').value.trim();
      if (token) accept(token).catch(() => announce(t('error'), 'error'));
    });
  });
}

async function offerDevCitizens(): Promise<void> {
  const { items } = await api<{ items: Array<{ citizenId: string; fullName: string }> }>(
    'GET',
    '/dev/citizens',
    { auth: false },
  );
  if (items.length === 0) return;
  const select = byId<HTMLSelectElement>('dev-citizen');
  select.replaceChildren(
    ...items.map((citizen) =>
      h('option', { value: citizen.citizenId }, `${citizen.fullName} (${citizen.citizenId})`),
    ),
  );
  show(byId('dev-sign-in'));
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
