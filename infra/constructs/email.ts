import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailProps {
  senderAddress: string;
}

// SES: the sender identity and a configuration set every message is sent through (bounce and
// complaint handling attach to it).
export class Email extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly senderAddress: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.senderAddress = props.senderAddress;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {});
    this.identity = new EmailIdentity(this, 'Sender', {
      identity: Identity.email(props.senderAddress),
      configurationSet: this.configurationSet,
    });
  }

  grantSend(grantee: IGrantable): void {
    this.identity.grantSendEmail(grantee);
  }

  environment(): Record<string, string> {
    return {
      SENDER_ADDRESS: this.senderAddress,
      SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
    };
  }
}
