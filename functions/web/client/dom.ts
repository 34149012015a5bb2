import { type Lang, lookup, type MessageKey, messages } from './messages';

// Small DOM helpers for the page scripts. Text always goes in as text nodes, never as HTML.

export const lang: Lang = document.documentElement.lang === 'en' ? 'en' : 'uk';
const words = messages(lang);

export const t = (key: MessageKey): string => words[key];
export const tr = (key: string): string => lookup(lang, key);

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

export function show(element: HTMLElement, visible = true): void {
  element.hidden = !visible;
}

/** Announces a message in the page's live region (role=status). */
export function announce(message: string, kind: 'info' | 'error' = 'info'): void {
  const status = byId('status');
  status.textContent = message;
  status.dataset.kind = kind;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'uk-UA', {
    dateStyle: 'medium',
    timeStyle: iso.length > 10 ? 'short' : undefined,
  }).format(new Date(iso));
}

/** A definition list of label → value pairs. */
export function facts(pairs: Array<[string, Child]>): HTMLDListElement {
  const list = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) list.append(h('dt', {}, label), h('dd', {}, value));
  return list;
}
