// Callback task tokens: unguessable, and indexed to the execution and task attempt they belong to.
import { randomBytes } from 'node:crypto';

export interface TokenOwner {
  executionArn: string;
  taskKey: string;
}

const TOKEN_FORMAT = /^AQ[A-Za-z0-9_-]{128}$/;

export function newTaskToken(): string {
  return `AQ${randomBytes(96).toString('base64url')}`;
}

/** Whether a string could be one of our tokens (otherwise AWS answers InvalidToken, not TaskDoesNotExist). */
export function isWellFormedToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

export class TaskTokenIndex {
  private readonly owners = new Map<string, TokenOwner>();

  add(token: string, owner: TokenOwner): void {
    this.owners.set(token, owner);
  }

  ownerOf(token: string): TokenOwner | undefined {
    return this.owners.get(token);
  }
}
