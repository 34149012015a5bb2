// SES identities and configuration sets, answered by the edge because aws-ses-v2-local hangs on the
// v1 calls and answers the v2 ones in a shape the SDK cannot parse. Every identity is verified at once
// (there is no mailbox or DNS to prove ownership with locally), as in LocalStack.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type IdentityType = 'EMAIL_ADDRESS' | 'DOMAIN';

export interface Tag {
  Key: string;
  Value: string;
}

interface IdentityRecord {
  type: IdentityType;
  createdAt: string;
  configurationSetName?: string;
  tags: Tag[];
}

interface IdentityState {
  identities: Record<string, IdentityRecord>;
  configurationSets: string[];
}

/** An SES error as the SDK expects it: REST-JSON for v2 (`x-amzn-ErrorType`), query XML for v1. */
export class SesError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export class IdentityStore {
  private readonly state: IdentityState;

  constructor(private readonly file: string) {
    this.state = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as IdentityState)
      : { identities: {}, configurationSets: [] };
  }

  create(name: string, options: { configurationSetName?: string; tags?: Tag[] } = {}) {
    if (!name) throw new SesError('BadRequestException', 'EmailIdentity is required');
    if (this.state.identities[name])
      throw new SesError('AlreadyExistsException', `Email identity ${name} already exist.`);
    const type: IdentityType = name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN';
    this.state.identities[name] = {
      type,
      createdAt: new Date().toISOString(),
      configurationSetName: options.configurationSetName,
      tags: options.tags ?? [],
    };
    this.save();
    return { IdentityType: type, VerifiedForSendingStatus: true, DkimAttributes: dkimAttributes() };
  }

  /** v1 verification is idempotent on AWS: asking again re-sends the mail and changes nothing. */
  verify(name: string): void {
    if (!this.state.identities[name]) this.create(name);
  }

  /**
   * The identity that lets `address` send: the address itself, else its domain, as SES checks;
   * undefined when neither is an identity (SES refuses the message).
   */
  sendingIdentity(address: string): string | undefined {
    if (this.state.identities[address]) return address;
    const domain = address.split('@')[1];
    return domain && this.state.identities[domain] ? domain : undefined;
  }

  get(name: string) {
    const record = this.state.identities[name];
    if (!record) throw new SesError('NotFoundException', `Email identity ${name} does not exist.`, 404);
    return {
      IdentityType: record.type,
      FeedbackForwardingStatus: true,
      VerifiedForSendingStatus: true,
      VerificationStatus: 'SUCCESS',
      DkimAttributes: dkimAttributes(),
      MailFromAttributes: { BehaviorOnMxFailure: 'USE_DEFAULT_VALUE', MailFromDomainStatus: 'SUCCESS' },
      Policies: {},
      Tags: record.tags,
      ...(record.configurationSetName ? { ConfigurationSetName: record.configurationSetName } : {}),
    };
  }

  list() {
    return Object.entries(this.state.identities).map(([name, record]) => ({
      IdentityType: record.type,
      IdentityName: name,
      SendingEnabled: true,
      VerificationStatus: 'SUCCESS',
    }));
  }

  delete(name: string): void {
    if (!this.state.identities[name]) {
      throw new SesError('NotFoundException', `Email identity ${name} does not exist.`, 404);
    }
    delete this.state.identities[name];
    this.save();
  }

  /** v1 DeleteIdentity succeeds whether or not the identity exists. */
  forget(name: string): void {
    if (this.state.identities[name]) this.delete(name);
  }

  createConfigurationSet(name: string): void {
    if (!name) throw new SesError('BadRequestException', 'ConfigurationSetName is required');
    if (this.state.configurationSets.includes(name)) {
      throw new SesError('AlreadyExistsException', `Configuration set <${name}> already exists.`);
    }
    this.state.configurationSets.push(name);
    this.save();
  }

  configurationSets(): string[] {
    return [...this.state.configurationSets];
  }

  getConfigurationSet(name: string) {
    if (!this.state.configurationSets.includes(name)) {
      throw new SesError('NotFoundException', `Configuration set <${name}> does not exist.`, 404);
    }
    return { ConfigurationSetName: name, SendingOptions: { SendingEnabled: true }, Tags: [] };
  }

  deleteConfigurationSet(name: string): void {
    this.getConfigurationSet(name);
    this.state.configurationSets = this.state.configurationSets.filter((existing) => existing !== name);
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2));
    renameSync(temporary, this.file);
  }
}

function dkimAttributes() {
  return { SigningEnabled: false, Status: 'NOT_STARTED', Tokens: [], SigningAttributesOrigin: 'AWS_SES' };
}
