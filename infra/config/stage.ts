// Deployment stages: `cdk deploy -c stage=<name>`. Each stage is its own stack (`Docshare-<name>`;
// the default stage, dev, keeps the plain `Docshare` the local runtime and LocalStack use), so
// several can live in one account. Only `prod` keeps its data when the stack goes: the table (with
// deletion protection), the buckets and the keys are retained there and destroyed elsewhere.

export interface Stage {
  name: string;
  production: boolean;
  stackName: string;
}

const STAGE_NAME = /^[a-z][a-z0-9-]{0,19}$/;

export function stageOf(value: unknown): Stage {
  const name = value === undefined ? 'dev' : String(value);
  if (!STAGE_NAME.test(name)) {
    throw new Error(
      `Stage "${name}": lower-case letters, digits and dashes, starting with a letter, 1–20 long`,
    );
  }
  return { name, production: name === 'prod', stackName: name === 'dev' ? 'Docshare' : `Docshare-${name}` };
}
