import {
  type CfnElement,
  CfnOutput,
  CfnParameter,
  RemovalPolicies,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { retention } from '../config/retention';
import { type Stage, stageOf } from '../config/stage';
import { WEBHOOK_RETRY } from '../config/webhook-retry';
import { CitizenApi } from '../constructs/citizen-api';
import { ConsentFlow } from '../constructs/consent-flow';
import { ConsentsApi } from '../constructs/consents-api';
import { Copies } from '../constructs/copies';
import { DataStore } from '../constructs/data-store';
import { DevIdentityProvider } from '../constructs/dev-identity-provider';
import { SOURCE_MAPS_CONTEXT } from '../constructs/docshare-function';
import { DocumentRefresh } from '../constructs/document-refresh';
import { Email } from '../constructs/email';
import { Erasure } from '../constructs/erasure';
import { ErrorReports } from '../constructs/error-reports';
import { FailedEvents } from '../constructs/failed-events';
import { DocshareHttpApi } from '../constructs/http-api';
import { MacKey } from '../constructs/mac-key';
import { Monitoring } from '../constructs/monitoring';
import { Notifications } from '../constructs/notifications';
import { Operator } from '../constructs/operator';
import { Organisations } from '../constructs/organisations';
import { PartnerApi } from '../constructs/partner-api';
import { PartnerNotices } from '../constructs/partner-notices';
import { PdfAssetsLayer } from '../constructs/pdf-assets-layer';
import { PublicApi } from '../constructs/public-api';
import { QrEmailDelivery } from '../constructs/qr-email-delivery';
import { Retention } from '../constructs/retention';
import { SharingApi } from '../constructs/sharing-api';
import { SigningKeys } from '../constructs/signing-keys';
import { WebPages } from '../constructs/web-pages';
import { WebhookDeliveriesApi } from '../constructs/webhook-deliveries-api';

export interface DocshareStackProps extends StackProps {
  /** Adds the dev identity provider (`POST /dev/citizen-token`); only the local runtime sets it. */
  localRuntime?: boolean;
  /** The deployment stage (infra/config/stage.ts); dev when not given. */
  stage?: Stage;
}

export class DocshareStack extends Stack {
  constructor(scope: Construct, id: string, props: DocshareStackProps = {}) {
    super(scope, id, props);
    const stage = props.stage ?? stageOf(undefined);
    if (stage.production && props.localRuntime) {
      throw new Error('The prod stage cannot have the dev identity provider (docshare:local)');
    }
    // Read by every DocshareFunction below: source maps only outside prod.
    this.node.setContext(SOURCE_MAPS_CONTEXT, !stage.production);
    // prod must be told where it lives and whom it mails as; other stages may use the placeholders.
    const placeholder = (value: string) => (stage.production ? undefined : value);
    // In prod every URL citizens' sign-in depends on is https (tokens and codes travel over them);
    // LocalStack and the local runtime serve plain http.
    const urlPattern = stage.production ? '^https://\\S+$' : '^https?://\\S+$';

    const publicBaseUrl = new CfnParameter(this, 'PublicBaseUrl', {
      description: 'https:// base URL of the web pages and API as citizens see it (deep links, posters)',
      default: placeholder('https://docshare.example.org'),
      allowedPattern: stage.production ? '^https://\\S+[^/]$' : '^https?://\\S+$',
    });
    const senderAddress = new CfnParameter(this, 'SenderAddress', {
      description: 'The verified SES sender address of docshare e-mails',
      default: placeholder('no-reply@docshare.example.org'),
      allowedPattern: '^[^@\\s]+@[^@\\s]+$',
    });
    const citizenIssuer = new CfnParameter(this, 'CitizenIssuer', {
      description: 'Issuer (iss) of citizen JWTs',
      default: placeholder('https://id.docshare.example.org'),
      allowedPattern: urlPattern,
    });
    const citizenAudience = new CfnParameter(this, 'CitizenAudience', {
      description: 'Audience (aud) of citizen JWTs',
      default: 'docshare',
    });
    const citizenJwksUrl = new CfnParameter(this, 'CitizenJwksUrl', {
      description: 'JWKS URL of the citizen identity provider',
      default: placeholder('https://id.docshare.example.org/.well-known/jwks.json'),
      allowedPattern: urlPattern,
    });
    // The web pages' sign-in: OpenID Connect code flow with PKCE as a public client (no secret).
    // The pages send the ID token to the API, so CitizenAudience must equal CitizenClientId.
    const citizenAuthorizeUrl = new CfnParameter(this, 'CitizenAuthorizeUrl', {
      description: 'Authorization endpoint of the citizen identity provider (the pages send citizens there)',
      default: placeholder('https://id.docshare.example.org/oauth2/authorize'),
      allowedPattern: urlPattern,
    });
    const citizenTokenUrl = new CfnParameter(this, 'CitizenTokenUrl', {
      description:
        'Token endpoint of the citizen identity provider (the pages POST the code there; on another origin it must allow CORS from PublicBaseUrl)',
      default: placeholder('https://id.docshare.example.org/oauth2/token'),
      allowedPattern: urlPattern,
    });
    const citizenClientId = new CfnParameter(this, 'CitizenClientId', {
      description:
        'OAuth client id of the web pages (public client, redirect URI <PublicBaseUrl>/wallet); the ID token audience, so equal to CitizenAudience',
      default: 'docshare',
    });
    const requestLifetime = new CfnParameter(this, 'RequestLifetimeSeconds', {
      description: 'How long a barcode request waits for the citizen’s decision',
      type: 'Number',
      default: 300,
      minValue: 1,
      maxValue: 3600,
    });

    const deeplinkLifetime = new CfnParameter(this, 'DeeplinkLifetimeSeconds', {
      description: 'How long a deep link waits to be opened and decided',
      type: 'Number',
      default: 600,
      minValue: 1,
      maxValue: 3600,
    });

    const emailMaxMessageBytes = new CfnParameter(this, 'EmailMaxMessageBytes', {
      description: 'Largest e-mail of copies (SES raw limit: 40 MB); larger shares get a download link',
      type: 'Number',
      default: 40_000_000,
      minValue: 1000,
      maxValue: 40_000_000,
    });
    const packageInlineMaxBytes = new CfnParameter(this, 'PackageInlineMaxBytes', {
      description:
        'Largest package GET …/package answers itself; larger ones get a 303 to a presigned S3 URL (Lambda answers are capped at 6 MB)',
      type: 'Number',
      default: 5_000_000,
      minValue: 1000,
      maxValue: 5_000_000,
    });
    const qrSharesPerMinute = new CfnParameter(this, 'QrSharesPerMinute', {
      description: 'Shares one poster QR code accepts per minute (abuse limit)',
      type: 'Number',
      default: 30,
      minValue: 1,
      maxValue: 10_000,
    });

    const data = new DataStore(this, 'Data', {
      copyRetentionDays: retention.copyDays,
      packageRetentionDays: retention.packageDays,
      deletionProtection: stage.production,
    });
    const keys = new SigningKeys(this, 'Keys');
    const macKey = new MacKey(this, 'MacKey');
    const email = new Email(this, 'Email', { senderAddress: senderAddress.valueAsString });
    const pdfAssets = new PdfAssetsLayer(this, 'PdfAssets');
    const api = new DocshareHttpApi(this, 'Http');
    const failedEvents = new FailedEvents(this, 'FailedEvents');

    const citizenAuth = {
      CITIZEN_ISSUER: citizenIssuer.valueAsString,
      CITIZEN_AUDIENCE: citizenAudience.valueAsString,
      CITIZEN_JWKS_URL: citizenJwksUrl.valueAsString,
    };
    const shared: SharedResources = {
      api,
      data,
      keys,
      macKey,
      email,
      pdfAssets,
      failedEvents,
      citizenAuth,
      publicBaseUrl: publicBaseUrl.valueAsString,
      localRuntime: props.localRuntime ?? false,
    };

    new PublicApi(this, 'Public', shared);
    new PartnerApi(this, 'Partner', shared);
    new CitizenApi(this, 'Citizen', shared);
    const copies = new Copies(this, 'Copies', shared);
    const context = (key: string, fallback: number) =>
      Number(this.node.tryGetContext(`docshare:${key}`) ?? fallback);
    // At least 24 h (infra/config/webhook-retry.ts). Local runs wait seconds instead of hours.
    const webhookRetry = {
      intervalSeconds: context('webhookRetryIntervalSeconds', WEBHOOK_RETRY.intervalSeconds),
      maxDelaySeconds: context('webhookRetryMaxDelaySeconds', WEBHOOK_RETRY.maxDelaySeconds),
      maxAttempts: context('webhookRetryMaxAttempts', WEBHOOK_RETRY.maxAttempts),
    };
    const qrDelivery = new QrEmailDelivery(this, 'QrDelivery', shared, {
      maxMessageBytes: emailMaxMessageBytes.valueAsString,
    });
    const consent = new ConsentFlow(this, 'Consent', {
      data,
      keys,
      issueCopies: copies.issueCopiesTask,
      sendCopiesByEmail: qrDelivery.sendCopiesTask,
      webhookRetry,
      allowLoopbackCallbacks: shared.localRuntime,
    });
    new Organisations(this, 'Organisations', shared, {
      consent,
      qrSharesPerMinute: qrSharesPerMinute.valueAsString,
    });
    const notices = new PartnerNotices(this, 'Notices', {
      data,
      webhookRetry,
      allowLoopbackCallbacks: shared.localRuntime,
    });
    new WebhookDeliveriesApi(this, 'WebhookDeliveries', shared, { notices });
    new ConsentsApi(this, 'Consents', shared, {
      consent,
      notices,
      requestLifetimeSeconds: requestLifetime.valueAsString,
    });
    const erasure = new Erasure(this, 'Erasure', shared, { consent, notices });
    new SharingApi(this, 'Sharing', shared, {
      consent,
      requestLifetimeSeconds: requestLifetime.valueAsString,
      deeplinkLifetimeSeconds: deeplinkLifetime.valueAsString,
      packageInlineMaxBytes: packageInlineMaxBytes.valueAsString,
    });
    new WebPages(this, 'Web', shared, {
      CITIZEN_AUTHORIZE_URL: citizenAuthorizeUrl.valueAsString,
      CITIZEN_TOKEN_URL: citizenTokenUrl.valueAsString,
      CITIZEN_CLIENT_ID: citizenClientId.valueAsString,
    });
    const operator = new Operator(this, 'Operator', shared);
    const errorReports = new ErrorReports(this, 'ErrorReports', shared);
    errorReports.grantRegistryAccess(operator.admin);
    new DocumentRefresh(this, 'DocumentRefresh', shared);
    new Notifications(this, 'Notifications', shared);
    new Retention(this, 'Retention', shared);
    new Monitoring(this, 'Monitoring', {
      api: api.api,
      stateMachines: {
        Consent: consent.stateMachine,
        Notices: notices.stateMachine,
        Erasure: erasure.stateMachine,
      },
      notices: notices.stateMachine,
      flowFunctions: {
        ...Object.fromEntries(consent.tasks.map((task) => [task.node.id, task])),
        IssueCopies: copies.issueCopiesTask,
        SendCopiesByEmail: qrDelivery.sendCopiesTask,
        DeliverNotice: notices.task,
        EraseStep: erasure.step,
      },
      deadLetterQueues: { ErrorReports: errorReports.deadLetters, FailedEvents: failedEvents.queue },
    });
    new CfnOutput(this, 'AdminFunctionName', { value: operator.admin.functionName });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'ConsentStateMachineArn', { value: consent.stateMachine.stateMachineArn });

    // Outside prod nothing outlives the stack: table, buckets, keys and queues go with it (a bucket
    // that still holds objects stops the deletion; empty it first — docs/deploy.md).
    if (!stage.production) RemovalPolicies.of(this).destroy();

    if (props.localRuntime) {
      new DevIdentityProvider(this, 'DevIdentity', shared, { clientId: citizenClientId.valueAsString });
    }

    Validations.of(this).acknowledge(
      ...[
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'Lambda roles use AWSLambdaBasicExecutionRole only to write their own logs; every data permission is a scoped grant.',
        },
        {
          id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
          reason: 'CDK grants on the one data key (table/bucket encryption); scoped to that key ARN.',
        },
        {
          id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
          reason: 'CDK grants on the one data key (table/bucket encryption); scoped to that key ARN.',
        },
        {
          id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(data.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
          reason: 'Queries on the table’s own secondary indexes (gsi1), granted with the table.',
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            'nodejs22.x is chosen deliberately: the newest runtime the local toolchain (Node 20/22) matches closely.',
        },
      ],
    );
  }
}

export type SharedResources = {
  api: DocshareHttpApi;
  data: DataStore;
  keys: SigningKeys;
  macKey: MacKey;
  email: Email;
  pdfAssets: PdfAssetsLayer;
  failedEvents: FailedEvents;
  citizenAuth: Record<string, string>;
  publicBaseUrl: string;
  localRuntime: boolean;
};
