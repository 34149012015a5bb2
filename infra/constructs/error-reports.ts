import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import * as routes from '../../functions/error-reports/routes';
import { retention } from '../config/retention';
import type { SharedResources } from '../stacks/docshare-stack';
import { DocshareFunction } from './docshare-function';

// Error reports (F7): citizens report an error in a document; the report is kept (message sealed)
// and routed to the issuing registry through one SQS queue, each message carrying the registry in
// its `registry` attribute. The queue is KMS-encrypted with the data key and TLS-only; a message a
// consumer fails on three times moves to the dead-letter queue for a person to look at.
export class ErrorReports extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, shared: SharedResources) {
    super(scope, id);
    const { data } = shared;
    const queueProps = {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: data.queuesKey,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: Duration.days(retention.registryQueueDays),
      removalPolicy: RemovalPolicy.RETAIN,
    };
    const deadLetters = new Queue(this, 'DeadLetters', queueProps);
    this.deadLetters = deadLetters;
    this.queue = new Queue(this, 'RegistryQueue', {
      ...queueProps,
      visibilityTimeout: Duration.minutes(2),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
    });

    const env = {
      TABLE_NAME: data.table.tableName,
      ...data.keyEnvironment,
      ERROR_REPORT_QUEUE_URL: this.queue.queueUrl,
      ...shared.citizenAuth,
    };
    const submit = new DocshareFunction(this, routes.submitErrorReport.operationId, {
      entry: 'error-reports/submit-error-report',
      environment: env,
    });
    data.grantTable(submit, 'readWrite');
    data.grantDocuments(submit, 'seal');
    this.queue.grantSendMessages(submit);
    shared.api.addRoute(routes.submitErrorReport, submit);

    const list = new DocshareFunction(this, routes.listErrorReports.operationId, {
      entry: 'error-reports/list-error-reports',
      environment: env,
    });
    data.grantTable(list, 'read');
    data.grantDocuments(list, 'open');
    shared.api.addRoute(routes.listErrorReports, list);
  }

  /** For the registry's consumer (the operator's Admin function stands in for one). */
  grantRegistryAccess(fn: IFunction & { addEnvironment(key: string, value: string): unknown }): void {
    fn.addEnvironment('ERROR_REPORT_QUEUE_URL', this.queue.queueUrl);
    this.queue.grantConsumeMessages(fn);
  }
}
