import { api } from './api';
import { announce, byId, facts, formatDate, h, t, tr } from './dom';

// /wallet, "Who holds my documents": every partner with standing access or unexpired copies, and a
// button that withdraws everything from that partner (DELETE /v1/me/consents/{partnerId}).
// Also the history export, fetched with the token and saved as a file.

interface Holding {
  partner: { partnerId: string; name: string };
  since: string;
  until: string;
  documentTypes: string[];
  purposes: string[];
  standingAccess: Array<{ consentId: string; branch: { name: string }; until: string; uses: number }>;
  copies: Array<{ copyId: string; type: string; branch: string; expiresAt: string }>;
}

export async function loadHoldings(): Promise<void> {
  const { items } = await api<{ items: Holding[] }>('GET', '/v1/me/consents?limit=100');
  const list = byId('consent-list');
  if (items.length === 0) {
    list.replaceChildren(h('li', {}, t('noConsents')));
    return;
  }
  list.replaceChildren(...items.map(holdingCard));
}

function holdingCard(holding: Holding): HTMLLIElement {
  const revoke = h(
    'button',
    { type: 'button', class: 'danger', 'data-revoke': holding.partner.partnerId },
    `${t('revokeAccess')}: ${holding.partner.name}`,
  );
  const card = h(
    'li',
    { class: 'card', 'data-partner-id': holding.partner.partnerId },
    h('h3', {}, holding.partner.name),
    facts([
      [t('documentsShared'), holding.documentTypes.map((type) => tr(`type_${type}`)).join(', ')],
      [t('purpose'), holding.purposes.join('; ')],
      [t('since'), formatDate(holding.since)],
      [t('until'), formatDate(holding.until)],
      [
        t('standingAccess'),
        holding.standingAccess.length === 0
          ? t('none')
          : holding.standingAccess
              .map(
                (access) => `${access.branch.name}, ${t('until').toLowerCase()} ${formatDate(access.until)}`,
              )
              .join('; '),
      ],
      [
        t('copies'),
        holding.copies.length === 0
          ? '—'
          : holding.copies
              .map(
                (copy) =>
                  `${tr(`type_${copy.type}`)} (${t('until').toLowerCase()} ${formatDate(copy.expiresAt)})`,
              )
              .join(', '),
      ],
    ]),
    revoke,
  );
  revoke.addEventListener('click', () => {
    if (!window.confirm(`${t('revokeConfirm')} ${holding.partner.name}?`)) return;
    revoke.disabled = true;
    api('DELETE', `/v1/me/consents/${encodeURIComponent(holding.partner.partnerId)}`)
      .then(() => {
        card.remove();
        if (byId('consent-list').children.length === 0)
          byId('consent-list').append(h('li', {}, t('noConsents')));
        announce(`${t('revoked')}: ${holding.partner.name}`);
      })
      .catch(() => {
        revoke.disabled = false;
        announce(t('error'), 'error');
      });
  });
  return card;
}

/** Saves GET /v1/me/history/export as a file (a plain link could not send the token). */
export async function exportHistory(): Promise<void> {
  const file = await api<Record<string, unknown>>('GET', '/v1/me/history/export');
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const link = h('a', {
    href: URL.createObjectURL(blob),
    download: `docshare-history-${new Date().toISOString().slice(0, 10)}.json`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}
