import { describe, expect, it } from 'vitest';
import { IamAuthorizer, type IamDirectory, type PolicyDocument } from '../../../local/edge/iam/authorizer';

// The edge's IAM decisions are cached; S3 objects share a decision when the policies' resource
// patterns cannot tell them apart. Every cached answer must be the one a fresh evaluation gives.

const ACCOUNT = '000000000000';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/reader`;
const VARIABLE_ROLE = `arn:aws:iam::${ACCOUNT}:role/per-user`;
const policy = (...Statement: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const object = (key: string) => `arn:aws:s3:::docs/${key}`;

const directory: IamDirectory = {
  accountId: ACCOUNT,
  sessions: new Map(),
  roles: new Map([
    [
      ROLE,
      [
        {
          name: 'read-copies',
          policy: policy(
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: object('copies/*') },
            { Effect: 'Deny', Action: 's3:GetObject', Resource: object('copies/secret-?.pdf') },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: object('exact/a.b') },
          ),
        },
      ],
    ],
    [
      VARIABLE_ROLE,
      [
        {
          name: 'own-folder',
          policy: policy({
            Effect: 'Allow',
            Action: 's3:GetObject',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
            Resource: object('home/${aws:username}/*'),
          }),
        },
      ],
    ],
  ]),
  resourcePolicies: new Map([
    [
      'arn:aws:s3:::docs',
      policy({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: object('*.exe'),
      }),
    ],
  ]),
};

const KEYS = [
  'copies/a.pdf',
  'copies/b.pdf',
  'copies/secret-1.pdf',
  'copies/secret-10.pdf',
  'copies/run.exe',
  'copies/COPY.PDF',
  'private/a.pdf',
  'exact/a.b',
  'exact/aXb',
  'Copies/a.pdf',
];

async function decide(authorizer: IamAuthorizer, role: string, action: string, key: string) {
  const principal = authorizer.principalForRole(role, 'test')!;
  return authorizer.check(principal, [{ action, resource: object(key) }], action);
}

describe('IAM decisions at the edge', () => {
  it('answer every S3 object as a fresh evaluation would, whatever was decided before', async () => {
    const cached = new IamAuthorizer(directory);
    for (const action of ['s3:GetObject', 's3:PutObject']) {
      for (const key of [...KEYS, ...KEYS.reverse()]) {
        const fresh = await decide(new IamAuthorizer(directory), ROLE, action, key);
        expect([action, key, await decide(cached, ROLE, action, key)]).toEqual([action, key, fresh]);
      }
    }
    // Spot checks that the policies above mean what the test assumes.
    expect(await decide(cached, ROLE, 's3:GetObject', 'copies/a.pdf')).toBeUndefined();
    expect(await decide(cached, ROLE, 's3:GetObject', 'copies/secret-1.pdf')).toMatch(/explicit deny/);
    expect(await decide(cached, ROLE, 's3:GetObject', 'copies/run.exe')).toMatch(/explicit deny/);
    expect(await decide(cached, ROLE, 's3:GetObject', 'private/a.pdf')).toMatch(/not authorized/);
  });

  it('evaluates new objects that the policies cannot tell apart once', async () => {
    const authorizer = new IamAuthorizer(directory);
    for (let i = 0; i < 50; i++) {
      expect(
        await decide(authorizer, ROLE, 's3:PutObject', `copies/${crypto.randomUUID()}.pdf`),
      ).toBeUndefined();
    }
    expect(authorizer.evaluations).toBe(1);
  });

  it('evaluates each object when a policy names it with a variable', async () => {
    const authorizer = new IamAuthorizer(directory);
    for (const user of ['ann', 'bob', 'cy'])
      await decide(authorizer, VARIABLE_ROLE, 's3:GetObject', `home/${user}/x`);
    expect(authorizer.evaluations).toBe(3);
  });
});
