import { api } from './api';
import { byId, formatDate, h, t, tr } from './dom';

// The wallet's notifications: what docshare did for the citizen (a document refreshed from its
// issuing registry). Worded here in the reader's language; the API carries only ids and dates.

interface Notification {
  notificationId: string;
  kind: 'document.refreshed';
  docId: string;
  documentType: string;
  validUntil: string | null;
  createdAt: string;
  read: boolean;
}

export async function loadNotifications(): Promise<void> {
  const { items } = await api<{ items: Notification[] }>('GET', '/v1/me/notifications?limit=20');
  const list = byId('notification-list');
  if (items.length === 0) {
    list.replaceChildren(h('li', {}, t('noNotifications')));
    return;
  }
  list.replaceChildren(...items.map(notificationCard));
}

function notificationCard(notification: Notification): HTMLLIElement {
  const text = `${t('documentRefreshed')}: ${tr(`type_${notification.documentType}`)}. ${t('validUntil')} ${formatDate(notification.validUntil)}`;
  const card = h(
    'li',
    { class: notification.read ? 'card' : 'card unread' },
    h('p', {}, text),
    h('p', { class: 'muted' }, formatDate(notification.createdAt)),
  );
  if (!notification.read) {
    const button = h('button', { type: 'button', class: 'secondary' }, t('markRead'));
    button.addEventListener('click', () => {
      api('POST', `/v1/me/notifications/${encodeURIComponent(notification.notificationId)}/read`)
        .then(() => {
          card.classList.remove('unread');
          button.remove();
        })
        .catch(() => undefined);
    });
    card.append(button);
  }
  return card;
}
