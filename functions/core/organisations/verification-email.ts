import type { VerificationMail } from './email-verification';

// The e-mail that proves a branch owns its address: Ukrainian text and HTML with the one-time link.
// The subject is fixed: names a registrant typed in appear only in the body, quoted as data, so the
// message cannot be made to read as someone else's (phishing through our sender).

export const VERIFICATION_SUBJECT = 'docshare: підтвердіть адресу електронної пошти відділення';

export function verificationEmailContent(mail: VerificationMail) {
  const subject = VERIFICATION_SUBJECT;
  const lines = [
    'Вітаємо!',
    '',
    `Організація «${mail.organisationName}» вказала цю адресу для відділення «${mail.branchName}» у docshare.`,
    'На неї надходитимуть підписані копії документів відвідувачів. Щоб підтвердити адресу, відкрийте посилання:',
    mail.link,
    '',
    `Посилання одноразове і дійсне до ${mail.expiresAt} (UTC). Якщо ви не очікували цього листа, просто проігноруйте його.`,
  ];
  const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const html = lines
    .map((line) =>
      line === mail.link
        ? `<p><a href="${escapeHtml(line)}">${escapeHtml(line)}</a></p>`
        : line
          ? `<p>${escapeHtml(line)}</p>`
          : '',
    )
    .join('');
  return {
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="uk"><body>${html}</body></html>`,
  };
}
