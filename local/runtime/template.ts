import { readFileSync } from 'node:fs';

// Reads the synthesized CloudFormation template and resolves its intrinsic functions to the names
// and ARNs resources have in the embedded local AWS. Supported: Ref, Fn::GetAtt, Fn::Join,
// Fn::Sub, Fn::Select, Fn::Split and the pseudo parameters.

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
}

export interface Template {
  Parameters?: Record<string, { Default?: string }>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export function loadTemplate(path: string): Template {
  return JSON.parse(readFileSync(path, 'utf8')) as Template;
}

export interface LocalEnvironment {
  region: string;
  accountId: string;
  stackName: string;
  parameters: Record<string, string>;
  /** Physical ids of resources created at run time (KMS key ids), by logical id. */
  physicalIds: Record<string, string>;
  apiUrl: string;
  /** The embedded AWS endpoint: a queue's Ref (its URL) points at it. */
  awsEndpoint?: string;
}

export class Resolver {
  constructor(
    readonly template: Template,
    readonly env: LocalEnvironment,
  ) {}

  resourcesOfType(type: string): Array<[string, TemplateResource]> {
    return Object.entries(this.template.Resources).filter(([, resource]) => resource.Type === type);
  }

  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [fn, arg] = entries[0]!;
      switch (fn) {
        case 'Ref':
          return this.ref(arg as string);
        case 'Fn::GetAtt': {
          const [id, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
          return this.getAtt(id as string, attribute as string);
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, unknown[]];
          return (this.resolve(parts) as unknown[]).join(separator);
        }
        case 'Fn::Sub':
          return this.sub(arg as string | [string, Record<string, unknown>]);
        case 'Fn::Select': {
          const [index, list] = arg as [number, unknown];
          return (this.resolve(list) as unknown[])[Number(index)];
        }
        case 'Fn::Split': {
          const [separator, source] = arg as [string, unknown];
          return String(this.resolve(source)).split(separator);
        }
      }
    }
    return Object.fromEntries(entries.map(([key, item]) => [key, this.resolve(item)]));
  }

  resolveString(value: unknown): string {
    return String(this.resolve(value));
  }

  ref(id: string): string {
    const { env } = this;
    switch (id) {
      case 'AWS::Region':
        return env.region;
      case 'AWS::AccountId':
        return env.accountId;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::StackName':
        return env.stackName;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::NoValue':
        return '';
    }
    if (id in (this.template.Parameters ?? {})) {
      return env.parameters[id] ?? this.template.Parameters![id]!.Default ?? '';
    }
    const resource = this.template.Resources[id];
    if (!resource) throw new Error(`Ref to unknown resource ${id}`);
    // An SES identity's Ref is the identity itself (the address or domain), as on AWS.
    if (resource.Type === 'AWS::SES::EmailIdentity')
      return this.resolveString(resource.Properties?.EmailIdentity);
    if (resource.Type === 'AWS::SQS::Queue') {
      const base = env.awsEndpoint ?? `https://sqs.${env.region}.amazonaws.com`;
      return `${base}/${env.accountId}/${physicalName(id, resource.Type, env)}`;
    }
    return physicalName(id, resource.Type, env);
  }

  getAtt(id: string, attribute: string): string {
    const resource = this.template.Resources[id];
    if (!resource) throw new Error(`Fn::GetAtt on unknown resource ${id}`);
    const { region, accountId, apiUrl } = this.env;
    const name = physicalName(id, resource.Type, this.env);
    const arnByType: Record<string, string> = {
      'AWS::Lambda::Function': `arn:aws:lambda:${region}:${accountId}:function:${name}`,
      'AWS::DynamoDB::Table': `arn:aws:dynamodb:${region}:${accountId}:table/${name}`,
      'AWS::S3::Bucket': `arn:aws:s3:::${name}`,
      'AWS::KMS::Key': `arn:aws:kms:${region}:${accountId}:key/${name}`,
      'AWS::StepFunctions::StateMachine': name,
      'AWS::Logs::LogGroup': `arn:aws:logs:${region}:${accountId}:log-group:${name}:*`,
      'AWS::IAM::Role': `arn:aws:iam::${accountId}:role/${name}`,
      'AWS::SQS::Queue': `arn:aws:sqs:${region}:${accountId}:${name}`,
      'AWS::SNS::Topic': `arn:aws:sns:${region}:${accountId}:${name}`,
    };
    switch (attribute) {
      case 'Arn':
        return arnByType[resource.Type] ?? `arn:aws:local:${region}:${accountId}:${name}`;
      case 'ApiEndpoint':
        return apiUrl;
      case 'Name':
        return resource.Type === 'AWS::StepFunctions::StateMachine' ? stateMachineName(id) : name;
      case 'QueueName':
        return name;
      case 'KeyId':
        return name;
      case 'RegionalDomainName':
      case 'DomainName':
        return `${name}.s3.localhost`;
      default:
        return name;
    }
  }

  private sub(arg: string | [string, Record<string, unknown>]): string {
    const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
    return text.replace(/\$\{([^}!]+)\}/g, (_, expression: string) => {
      if (expression in variables) return this.resolveString(variables[expression]);
      if (expression.includes('.')) {
        const [id, attribute] = expression.split('.', 2) as [string, string];
        return this.getAtt(id, attribute);
      }
      return this.ref(expression);
    });
  }
}

export function stateMachineName(logicalId: string): string {
  return logicalId;
}

/** The name a resource has locally: stable across restarts, derived from its logical id. */
export function physicalName(logicalId: string, type: string, env: LocalEnvironment): string {
  switch (type) {
    case 'AWS::KMS::Key': {
      const keyId = env.physicalIds[logicalId];
      if (!keyId) throw new Error(`KMS key ${logicalId} has not been created yet`);
      return keyId;
    }
    case 'AWS::S3::Bucket':
      return `docshare-${logicalId.toLowerCase()}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:aws:states:${env.region}:${env.accountId}:stateMachine:${stateMachineName(logicalId)}`;
    case 'AWS::Logs::LogGroup':
      return `/local/${logicalId}`;
    case 'AWS::SES::ConfigurationSet':
      return `docshare-${logicalId.toLowerCase()}`;
    case 'AWS::ApiGatewayV2::Api':
      return 'local';
    default:
      return logicalId;
  }
}
