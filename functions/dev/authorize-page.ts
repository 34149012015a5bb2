import { http } from '../http/handler';
import { reply } from '../http/reply';
import { pageHeaders } from '../http/security-headers';
import type { Lang } from '../web/client/messages';
import { refusalOf } from './authorization-code';
import { renderAuthorizePage } from './authorize-view';
import { checkClient } from './oidc-client';
import { redirectBack } from './redirect-back';
import { authorizePage } from './routes';
import { seededCitizens } from './seeded-citizens';

// Local only: GET /dev/authorize, the authorization endpoint. An unknown client or redirect URI is
// refused here (400); any other fault goes back to the client as `error`, as a real provider does.

export const handler = http(authorizePage, async ({ query }) => {
  checkClient(query.client_id, query.redirect_uri);
  const refusal = refusalOf(query);
  if (refusal) {
    return redirectBack(query.redirect_uri, {
      error: refusal.error,
      error_description: refusal.description,
      state: query.state,
    });
  }
  const { lang, ui_locales, ...params } = query;
  const chosen: Lang = lang ?? (/^en\b/i.test(ui_locales ?? '') ? 'en' : 'uk');
  const html = renderAuthorizePage({ lang: chosen, citizens: await seededCitizens(), params });
  return reply.text(200, 'text/html; charset=utf-8', html, pageHeaders());
});
