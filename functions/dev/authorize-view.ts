import type { Lang } from '../web/client/messages';
import type { SeededCitizen } from './seeded-citizens';

// The dev identity provider's sign-in page: what a real provider's login page is to the deployed
// pages. Same rules as the web pages: the shared style sheet, no script at all, labelled fields,
// Ukrainian with an English switch.

const WORDS = {
  uk: {
    title: 'Вхід у docshare',
    hint: 'Локальний запуск: це сторінка входу локального постачальника ідентифікації. Оберіть демонстраційного громадянина.',
    citizen: 'Громадянин',
    signIn: 'Увійти',
    cancel: 'Скасувати',
    noCitizens: 'Демонстраційних громадян немає.',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
  },
  en: {
    title: 'Sign in to docshare',
    hint: 'Local runtime: this is the local identity provider’s sign-in page. Choose a demo citizen.',
    citizen: 'Citizen',
    signIn: 'Sign in',
    cancel: 'Cancel',
    noCitizens: 'There are no demo citizens.',
    switchLanguage: 'Українською',
    switchLanguageLabel: 'Перейти на українську',
  },
} as const;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export interface AuthorizeView {
  lang: Lang;
  citizens: SeededCitizen[];
  /** The authorization request, carried through the form as hidden fields. */
  params: Record<string, string | undefined>;
}

export function renderAuthorizePage({ lang, citizens, params }: AuthorizeView): string {
  const w = WORDS[lang];
  const other: Lang = lang === 'uk' ? 'en' : 'uk';
  const fields = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const switchHref = `/dev/authorize?${new URLSearchParams([...fields, ['lang', other]])}`;
  const hidden = [...fields, ['lang', lang] as [string, string]]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const options = citizens
    .map(
      (citizen) =>
        `<option value="${escapeHtml(citizen.citizenId)}">${escapeHtml(`${citizen.fullName} (${citizen.citizenId})`)}</option>`,
    )
    .join('\n');
  const form =
    citizens.length === 0
      ? `<p class="error">${escapeHtml(w.noCitizens)}</p>`
      : `<form method="post" action="/dev/authorize">
${hidden}
<label for="citizen">${escapeHtml(w.citizen)}</label>
<select id="citizen" name="citizen_id" required>
${options}
</select>
<div class="actions">
<button type="submit" name="decision" value="allow">${escapeHtml(w.signIn)}</button>
<button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(w.cancel)}</button>
</div>
</form>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${escapeHtml(w.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<header>
<nav aria-label="docshare">
<a class="lang" href="${escapeHtml(switchHref)}" lang="${other}" hreflang="${other}" aria-label="${escapeHtml(w.switchLanguageLabel)}">${escapeHtml(w.switchLanguage)}</a>
</nav>
</header>
<main id="main">
<h1>${escapeHtml(w.title)}</h1>
<p class="muted">${escapeHtml(w.hint)}</p>
${form}
</main>
</body>
</html>
`;
}
