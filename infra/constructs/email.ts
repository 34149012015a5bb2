import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, ConfigurationSetTlsPolicy, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailProps {
  senderAddress: string;
}

// SES: the sender identity and a configuration set every message is sent through (bounce and
// complaint handling attach to it). The set requires TLS to the receiving server: the messages carry
// signed copies of identity documents, which SES would otherwise send in clear text to a server that
// does not offer STARTTLS.
export class Email extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly senderAddress: string;

  constructor(scope: Construct, id: string, props: EmailProps) {
    super(scope, id);
    this.senderAddress = props.senderAddress;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
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
