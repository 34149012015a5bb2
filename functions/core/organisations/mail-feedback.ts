import { normaliseEmail } from './ids';
import type { OrganisationStore } from './organisation';

// SES bounce and complaint events (configuration set → SNS → Lambda). A permanent bounce or a
// complaint means the branch's address must not receive copies any more: it becomes undeliverable
// and the owner sees a notice on the organisation. Transient bounces (full mailbox) change nothing.

export interface MailFeedback {
  kind: 'bounce' | 'complaint';
  addresses: string[];
}

type Recipients = Array<{ emailAddress?: unknown }> | undefined;

const addressesOf = (recipients: Recipients) =>
  (recipients ?? [])
    .map((recipient) => recipient.emailAddress)
    .filter((address): address is string => typeof address === 'string' && address.includes('@'))
    .map(normaliseEmail);

/** Reads one SES event (event publishing's `eventType`, or identity notifications' `notificationType`). */
export function readMailFeedback(message: unknown): MailFeedback | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const event = message as {
    eventType?: string;
    notificationType?: string;
    bounce?: { bounceType?: string; bouncedRecipients?: Recipients };
    complaint?: { complainedRecipients?: Recipients };
  };
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    return { kind: 'bounce', addresses: addressesOf(event.bounce.bouncedRecipients) };
  }
  if (type === 'Complaint')
    return { kind: 'complaint', addresses: addressesOf(event.complaint?.complainedRecipients) };
  return undefined;
}

/** Marks every branch at the addresses undeliverable, once, with a notice for its owner. */
export async function applyMailFeedback(store: OrganisationStore, feedback: MailFeedback, now = new Date()) {
  let marked = 0;
  for (const address of new Set(feedback.addresses)) {
    for (const branch of await store.branchesWithEmail(address)) {
      if (branch.emailStatus === 'undeliverable') continue;
      await store.setEmailStatus(branch.orgId, branch.branchId, 'undeliverable', now.toISOString());
      await store.addNotice(branch.orgId, {
        at: now.toISOString(),
        kind: 'email_undeliverable',
        branchId: branch.branchId,
        detail:
          feedback.kind === 'bounce'
            ? `Mail to the address of branch «${branch.name}» bounced permanently; change the address (it must be verified again)`
            : `The recipient at the address of branch «${branch.name}» marked our mail as spam; change or re-verify the address`,
      });
      marked++;
    }
  }
  return { marked };
}
