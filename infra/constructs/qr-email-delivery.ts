import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';
import type { Email } from './email';

export interface QrEmailDeliveryProps {
  /** SES's raw message limit (40 MB), lowered by tests to exercise the download-link path. */
  maxMessageBytes: string;
}

/** SES sending, scoped to the docshare sender identity and its configuration set. */
export function grantSendEmail(email: Email, grantee: IGrantable): void {
  const configurationSetArn = Stack.of(email).formatArn({
    service: 'ses',
    resource: 'configuration-set',
    resourceName: email.configurationSet.configurationSetName,
  });
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [email.identity.emailIdentityArn, configurationSetArn],
    }),
  );
}

// How copies shared by QR reach an organisation (F6): the consent flow's SendCopiesByEmail task (one
// SES raw e-mail, or a one-time download link when too large), and the way back — SES bounces and
// complaints, published by the configuration set to an encrypted SNS topic, mark the branch address
// undeliverable. The feedback path exists only on AWS (the local SES has no event destinations).
export class QrEmailDelivery extends Construct {
  readonly sendCopiesTask: DocshareFunction;

  constructor(scope: Construct, id: string, shared: SharedResources, props: QrEmailDeliveryProps) {
    super(scope, id);
    const { data, email } = shared;

    const send = new DocshareFunction(this, 'SendCopiesByEmail', {
      entry: 'organisations/send-copies-by-email',
      // Holds every PDF and the encoded message (up to 40 MB) at once.
      memorySize: 1024,
      timeout: Duration.seconds(55),
      environment: {
        TABLE_NAME: data.table.tableName,
        ...data.keyEnvironment,
        COPIES_BUCKET: data.bucket.bucketName,
        PUBLIC_BASE_URL: shared.publicBaseUrl,
        EMAIL_MAX_MESSAGE_BYTES: props.maxMessageBytes,
        ...email.environment(),
      },
    });
    data.grantTable(send, 'readWrite');
    data.grantObjects(send, 'copies/', 'read');
    data.grantObjects(send, 'downloads/', 'readWrite');
    data.grantDocuments(send, 'open');
    grantSendEmail(email, send);
    this.sendCopiesTask = send;

    const ses = new ServicePrincipal('ses.amazonaws.com');
    const topicKey = new Key(this, 'FeedbackKey', {
      description: 'docshare SES bounce and complaint notifications (SNS encryption)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // SES publishes into the encrypted topic: it needs the key to encrypt the messages.
    topicKey.grant(ses, 'kms:GenerateDataKey*', 'kms:Decrypt');
    const topic = new Topic(this, 'Feedback', {
      displayName: 'docshare SES bounces and complaints',
      masterKey: topicKey,
      enforceSSL: true,
    });
    email.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const feedback = new DocshareFunction(this, 'MailFeedback', {
      entry: 'organisations/mail-feedback',
      memorySize: 256,
      environment: { TABLE_NAME: data.table.tableName, ...data.keyEnvironment },
    });
    data.grantTable(feedback, 'readWrite');
    topic.addSubscription(new LambdaSubscription(feedback, { deadLetterQueue: shared.failedEvents.queue }));
  }
}
