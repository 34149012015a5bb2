// State machine and execution names and ARNs, with the naming rules AWS enforces.
import { AwsServiceError } from '../aws-json-service';

// AWS: 1-80 characters, no white space, brackets, wildcards, special or control characters.
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

function hasControlCharacter(name: string): boolean {
  return [...name].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
}

export function checkName(name: string): string {
  if (name.length === 0 || name.length > 80 || FORBIDDEN.test(name) || hasControlCharacter(name)) {
    throw new AwsServiceError('InvalidName', `Invalid Name: '${name}'`);
  }
  return name;
}

export interface ArnScope {
  region: string;
  accountId: string;
}

export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function executionArn(scope: ArnScope, stateMachineName: string, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:execution:${stateMachineName}:${name}`;
}

/** Checks that a value looks like an ARN of the given resource type; InvalidArn otherwise, as AWS answers. */
export function checkArn(arn: string, resource: 'stateMachine' | 'execution'): string {
  const parts = arn.split(':');
  if (parts.length < 7 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== resource) {
    throw new AwsServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
  }
  return arn;
}
