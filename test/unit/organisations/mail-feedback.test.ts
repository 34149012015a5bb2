import { describe, expect, it } from 'vitest';
import { applyMailFeedback, readMailFeedback } from '../../../functions/core/organisations/mail-feedback';
import type { OrganisationStore, OrgBranch } from '../../../functions/core/organisations/organisation';

// An SNS notification as SES event publishing delivers it (configuration set → SNS topic → Lambda).
const snsEvent = (message: unknown) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      Sns: {
        Type: 'Notification',
        TopicArn: 'arn:aws:sns:eu-central-1:123:Feedback',
        Message: JSON.stringify(message),
      },
    },
  ],
});
const bounce = (bounceType: string, address: string) => ({
  eventType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: address, status: '5.1.1' }],
  },
  mail: { destination: [address], messageId: 'm-1' },
});

describe('SES bounces and complaints', () => {
  it('reads permanent bounces and complaints, and ignores transient bounces and deliveries', () => {
    const read = (message: unknown) =>
      readMailFeedback(JSON.parse(snsEvent(message).Records[0]!.Sns.Message));
    expect(read(bounce('Permanent', 'Podil@Clinic.example'))).toEqual({
      kind: 'bounce',
      addresses: ['podil@clinic.example'],
    });
    expect(read(bounce('Transient', 'podil@clinic.example'))).toBeUndefined();
    expect(
      read({
        notificationType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'a@b.example' }] },
      }),
    ).toEqual({ kind: 'complaint', addresses: ['a@b.example'] });
    expect(read({ eventType: 'Delivery', delivery: {} })).toBeUndefined();
    expect(read('not an object')).toBeUndefined();
  });

  it('marks the branch undeliverable once and tells its owner', async () => {
    const branch: OrgBranch = {
      orgId: 'org_1',
      branchId: 'ob_1',
      name: 'Поділ',
      email: 'podil@clinic.example',
      address: 'Київ',
      emailStatus: 'verified',
      createdAt: '2030-01-01T00:00:00Z',
      updatedAt: '2030-01-01T00:00:00Z',
    };
    const notices: unknown[] = [];
    const store = {
      branchesWithEmail: async (email: string) => (email === branch.email ? [branch] : []),
      setEmailStatus: async (_o: string, _b: string, status: OrgBranch['emailStatus']) => {
        branch.emailStatus = status;
      },
      addNotice: async (_o: string, notice: unknown) => {
        notices.push(notice);
      },
    } as unknown as OrganisationStore;
    const feedback = readMailFeedback(bounce('Permanent', 'podil@clinic.example'))!;
    expect(await applyMailFeedback(store, feedback)).toEqual({ marked: 1 });
    expect(branch.emailStatus).toBe('undeliverable');
    expect(notices).toEqual([expect.objectContaining({ kind: 'email_undeliverable', branchId: 'ob_1' })]);
    expect(await applyMailFeedback(store, feedback)).toEqual({ marked: 0 });
    expect(notices).toHaveLength(1);
  });
});
