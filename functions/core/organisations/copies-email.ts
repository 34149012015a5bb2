import MailComposer from 'nodemailer/lib/mail-composer';
import type { DocumentType } from '../documents/document-type';
import { descriptorOf } from '../documents/registry';

// The e-mail that carries a visitor's signed copies to a branch: multipart/mixed with a short
// Ukrainian text and HTML body (multipart/alternative), each signed PDF and the metadata JSON attached.
// MIME is composed by nodemailer's MailComposer (encoded words, base64 line lengths, boundaries) —
// not by hand. When the attachments would not fit SES's message size limit, a one-time download
// link is sent instead.

/** SESv2 accepts raw messages up to 40 MB, attachments and encoding included. */
export const SES_MAX_MESSAGE_BYTES = 40_000_000;
/** Headers and both bodies, generously: the estimate must not undercount. */
const ENVELOPE_ALLOWANCE = 16 * 1024;

export interface CopiesEmailDocument {
  type: DocumentType;
  copyId: string;
  pdf: Uint8Array;
}

export interface CopiesEmailContext {
  from: string;
  to: string;
  requestId: string;
  organisationName: string;
  branchName: string;
  serviceName: string;
  verifyUrl: string;
  /** Offered types the visitor does not hold. */
  missing: DocumentType[];
}

/** Bytes an attachment takes in the message: base64 (4/3), in lines of 76 characters plus CRLF. */
export function encodedSize(bytes: number): number {
  const base64 = 4 * Math.ceil(bytes / 3);
  return base64 + 2 * Math.ceil(base64 / 76);
}

export function estimateCopiesEmailSize(attachmentBytes: number[]): number {
  return ENVELOPE_ALLOWANCE + attachmentBytes.reduce((sum, bytes) => sum + encodedSize(bytes) + 400, 0);
}

/** Attach the copies when the message fits the limit; otherwise send a download link. */
export function chooseDelivery(estimatedBytes: number, limitBytes: number): 'attachments' | 'link' {
  return estimatedBytes <= limitBytes ? 'attachments' : 'link';
}

export const copyFilename = (document: Pick<CopiesEmailDocument, 'type' | 'copyId'>) =>
  `${document.type}-${document.copyId.slice(0, 8)}.pdf`;

export const copiesEmailSubject = (requestId: string) => `docshare: копії документів, запит ${requestId}`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
const titleOf = (type: DocumentType) => descriptorOf(type).titleUk;

function introLines(context: CopiesEmailContext): string[] {
  return [
    'Вітаємо!',
    '',
    `Відвідувач відділення «${context.branchName}» (${context.organisationName}) погодив передачу копій документів для послуги «${context.serviceName}».`,
  ];
}

function closingLines(context: CopiesEmailContext): string[] {
  return [
    ...(context.missing.length
      ? ['', `Цих документів у відвідувача немає: ${context.missing.map(titleOf).join(', ')}.`]
      : []),
    '',
    `Кожна копія підписана docshare і має QR-код для перевірки. Перевірити справжність: ${context.verifyUrl}`,
    '',
    `Запит: ${context.requestId}`,
    'Лист надіслано автоматично, відповідати на нього не потрібно.',
  ];
}

const asHtml = (lines: string[]) =>
  `<!doctype html><html lang="uk"><body>${lines
    .map((line) => (line ? `<p>${escapeHtml(line)}</p>` : ''))
    .join('')}</body></html>`;

async function build(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Uint8Array> {
  return new Uint8Array(await new MailComposer(options).compile().build());
}

/** The message with every signed PDF and `metadata.json` attached. */
export function composeCopiesEmail(
  context: CopiesEmailContext,
  documents: CopiesEmailDocument[],
  metadata: unknown,
): Promise<Uint8Array> {
  const lines = [
    ...introLines(context),
    '',
    'У вкладеннях — підписані копії:',
    ...documents.map((document) => `• ${titleOf(document.type)}: ${copyFilename(document)}`),
    'Дані документів у машиночитному вигляді — у вкладенні metadata.json.',
    ...closingLines(context),
  ];
  return build({
    from: context.from,
    to: context.to,
    subject: copiesEmailSubject(context.requestId),
    text: lines.join('\n'),
    html: asHtml(lines),
    attachments: [
      ...documents.map((document) => ({
        filename: copyFilename(document),
        content: Buffer.from(document.pdf),
        contentType: 'application/pdf',
      })),
      {
        filename: 'metadata.json',
        content: JSON.stringify(metadata, null, 2),
        contentType: 'application/json; charset=utf-8',
      },
    ],
  });
}

/** The message sent instead when the copies are too large to attach: a one-time download link. */
export function composeDownloadLinkEmail(
  context: CopiesEmailContext,
  documents: Array<Pick<CopiesEmailDocument, 'type'>>,
  link: string,
  expiresAt: string,
): Promise<Uint8Array> {
  const lines = [
    ...introLines(context),
    '',
    `Копії завеликі для вкладень (${documents.map((d) => titleOf(d.type)).join(', ')}).`,
    `Завантажте їх архівом ZIP за одноразовим посиланням, дійсним до ${expiresAt} (UTC):`,
    link,
    ...closingLines(context),
  ];
  return build({
    from: context.from,
    to: context.to,
    subject: copiesEmailSubject(context.requestId),
    text: lines.join('\n'),
    html: asHtml(lines).replace(escapeHtml(link), `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`),
  });
}
