import { randomUUID } from 'node:crypto';
import { isValidEdrpou } from '../../../functions/core/checks/edrpou';
import type { LocalRuntime } from '../../../local/runtime';
import { callApi } from '../support/runtime';
import { citizenOf } from '../support/sharing';
import { eventually } from '../support/webhook-receiver';

type Runtime = Pick<LocalRuntime, 'apiUrl' | 'edgeUrl' | 'local'>;
type RuntimeWithAdmin = Runtime & Pick<LocalRuntime, 'lambdas'>;

export interface SentMail {
  Id: string;
  Source: string;
  Destination: { ToAddresses: string[] };
  Subject: string;
  Body: { text_part: string | null; html_part: string | null };
  RawData?: string;
}

/** An EDRPOU with a valid check digit, from 7 leading digits. */
export function edrpouFrom(first7: string): string {
  for (let digit = 0; digit <= 9; digit++) if (isValidEdrpou(`${first7}${digit}`)) return `${first7}${digit}`;
  throw new Error('no check digit');
}

/** What the embedded SES (or LocalStack) received for `to`, read through LocalStack's endpoint. */
export async function mailsTo(runtime: Runtime, to: string): Promise<SentMail[]> {
  const response = await fetch(`${runtime.edgeUrl}/_aws/ses?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as { messages: SentMail[] }).messages;
}

export function waitForMail(
  runtime: Runtime,
  to: string,
  match: (mail: SentMail) => boolean,
  timeoutMs = 30_000,
) {
  return eventually(async () => (await mailsTo(runtime, to)).find(match), timeoutMs, 200);
}

export const VERIFICATION_LINK = /https?:\/\/[^\s"<]+\/v1\/qr\/email-verifications\/[A-Za-z0-9_-]{43}/;

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@org.example`;

/** A valid EDRPOU no other test uses: a live organisation's tax id is unique. */
export function freshEdrpou(): string {
  for (;;) {
    const candidate = edrpouFrom(String(1_000_000 + Math.floor(Math.random() * 8_999_999)));
    if (!used.has(candidate)) {
      used.add(candidate);
      return candidate;
    }
  }
}
const used = new Set<string>();

export function registrationBody(email: string, overrides: Record<string, unknown> = {}) {
  return {
    name: 'ТОВ «Клініка Здоров’я»',
    taxId: freshEdrpou(),
    branches: [{ name: 'Відділення на Подолі', email, address: 'м. Київ, вул. Сагайдачного, 1' }],
    services: [{ name: 'Запис до лікаря', documentTypes: ['internal-passport', 'taxpayer-card'] }],
    ...overrides,
  };
}

/** Invokes the operator's Admin function, as `npm run admin` does. */
export async function admin(runtime: RuntimeWithAdmin, command: Record<string, unknown>) {
  const answer = (await runtime.lambdas.invoke(runtime.local.adminFunctionName, command)) as {
    ok: boolean;
    result?: Record<string, unknown>;
    error?: string;
  };
  if (!answer.ok) throw new Error(answer.error);
  return answer.result;
}

/**
 * An active organisation under a tax id the business registry does not know: registered (so
 * `pending_review`), then approved by the operator. Tests of the registry itself use the seeded
 * companies instead.
 */
export async function registerOrganisation(runtime: RuntimeWithAdmin, ownerId: string, email: string) {
  const answer = await callApi<{
    orgId: string;
    status: string;
    branches: Array<{ branchId: string; emailStatus: string }>;
    services: Array<{ serviceId: string }>;
  }>(runtime, 'POST', '/v1/me/organisations', {
    token: citizenOf(runtime, ownerId).token,
    body: registrationBody(email),
  });
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
  await admin(runtime, { command: 'organisation.approve', orgId: answer.body.orgId });
  return { ...answer.body, status: 'active' };
}

/** Follows the link of the newest verification e-mail sent to `email`. */
export async function verifyByMail(runtime: Runtime, email: string) {
  const mail = await waitForMail(runtime, email, (m) => VERIFICATION_LINK.test(m.Body.text_part ?? ''));
  const link = VERIFICATION_LINK.exec(mail.Body.text_part ?? '')![0];
  return { link, answer: await fetch(link) };
}

/** A registered organisation with a verified branch and its poster's QR code (read from the database via the poster route). */
export async function posterPdf(
  runtime: Runtime,
  ownerId: string,
  org: { orgId: string; branchId: string; serviceId: string },
) {
  const response = await fetch(
    `${runtime.apiUrl}/v1/me/organisations/${org.orgId}/branches/${org.branchId}/services/${org.serviceId}/poster`,
    { headers: { authorization: `Bearer ${citizenOf(runtime, ownerId).token}` } },
  );
  return { response, pdf: new Uint8Array(await response.arrayBuffer()) };
}

/** The poster's QR URL as its metadata states it (for tests that do not render the page). */
export async function posterQrUrl(pdf: Uint8Array): Promise<string> {
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getSubject() ?? '';
}

/**
 * An organisation of cit_demo_2 ready for visitors: registered, its branch's mailbox verified, and
 * its first service's poster read back for the QR it carries.
 */
export async function organisationWithPoster(runtime: RuntimeWithAdmin, label: string) {
  const email = uniqueEmail(label);
  const org = await registerOrganisation(runtime, 'cit_demo_2', email);
  await verifyByMail(runtime, email);
  const ids = {
    orgId: org.orgId,
    branchId: org.branches[0]!.branchId,
    serviceId: org.services[0]!.serviceId,
  };
  const url = await posterQrUrl((await posterPdf(runtime, 'cit_demo_2', ids)).pdf);
  return { email, org, ids, url, qrCode: url.split('/').pop()! };
}
