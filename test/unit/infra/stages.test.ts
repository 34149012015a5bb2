import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stageOf } from '../../../infra/config/stage';
import { DocshareStack } from '../../../infra/stacks/docshare-stack';

// `cdk deploy -c stage=<name>`: what differs between prod and the other stages.

type Resource = { Type: string; DeletionPolicy?: string; Properties: Record<string, unknown> };

function synth(stageName: string | undefined, localRuntime = false) {
  const stage = stageOf(stageName);
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(
    new DocshareStack(app, stage.stackName, { stage, localRuntime }),
  ).toJSON();
  return {
    stage,
    resources: template.Resources as Record<string, Resource>,
    parameters: template.Parameters,
  };
}

const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.values(resources).filter((resource) => resource.Type === type);

describe('deployment stages', { timeout: 60_000 }, () => {
  it('names each stage’s stack apart, keeps Docshare for dev and refuses odd names', () => {
    expect(stageOf(undefined)).toEqual({ name: 'dev', production: false, stackName: 'Docshare' });
    expect(stageOf('prod')).toEqual({ name: 'prod', production: true, stackName: 'Docshare-prod' });
    expect(stageOf('staging').stackName).toBe('Docshare-staging');
    for (const bad of ['Prod', '', '1st', 'a_b', 'x'.repeat(21), 'a b'])
      expect(() => stageOf(bad)).toThrow(/Stage/);
  });

  it('in prod keeps the table (deletion protection on), the buckets and the keys when the stack goes', () => {
    const { resources } = synth('prod');
    const [table] = ofType(resources, 'AWS::DynamoDB::Table');
    expect(table!.DeletionPolicy).toBe('Retain');
    expect(table!.Properties.DeletionProtectionEnabled).toBe(true);
    for (const type of ['AWS::S3::Bucket', 'AWS::KMS::Key']) {
      const kept = ofType(resources, type).filter((resource) => resource.DeletionPolicy === 'Retain');
      expect(kept.length, type).toBeGreaterThanOrEqual(2);
    }
  });

  it('elsewhere destroys everything with the stack, the table unprotected', () => {
    const { resources } = synth('test');
    const [table] = ofType(resources, 'AWS::DynamoDB::Table');
    expect(table!.DeletionPolicy).toBe('Delete');
    expect(table!.Properties.DeletionProtectionEnabled).toBeFalsy();
    const retained = Object.entries(resources).filter(([, resource]) => resource.DeletionPolicy === 'Retain');
    expect(retained.map(([id]) => id)).toEqual([]);
  });

  it('in prod requires the public URL, the SES sender and https sign-in URLs instead of placeholders', () => {
    const prod = synth('prod').parameters;
    expect(prod.PublicBaseUrl.Default).toBeUndefined();
    expect(prod.SenderAddress.Default).toBeUndefined();
    expect(new RegExp(prod.PublicBaseUrl.AllowedPattern).test('http://docshare.example.org')).toBe(false);
    expect(new RegExp(prod.PublicBaseUrl.AllowedPattern).test('https://docshare.gov.example')).toBe(true);
    // The identity provider's URLs too: https only, and no placeholder to fall back on.
    for (const name of ['CitizenIssuer', 'CitizenJwksUrl', 'CitizenAuthorizeUrl', 'CitizenTokenUrl']) {
      expect(prod[name].Default, name).toBeUndefined();
      expect(new RegExp(prod[name].AllowedPattern).test('http://id.example.gov/x'), name).toBe(false);
      expect(new RegExp(prod[name].AllowedPattern).test('https://id.example.gov/x'), name).toBe(true);
    }
    const dev = synth('dev').parameters;
    expect(dev.PublicBaseUrl.Default).toBe('https://docshare.example.org');
    // LocalStack and the local runtime serve their sign-in over http.
    expect(new RegExp(dev.CitizenTokenUrl.AllowedPattern).test('http://127.0.0.1:3000/dev/token')).toBe(true);
  });

  it('ships source maps (and pays their cold-start cost) only outside prod', () => {
    const nodeOptions = (stageName: string | undefined) =>
      ofType(synth(stageName).resources, 'AWS::Lambda::Function').map(
        (fn) => (fn.Properties.Environment as { Variables: Record<string, string> }).Variables.NODE_OPTIONS,
      );
    expect(nodeOptions('prod').filter(Boolean)).toEqual([]);
    const dev = nodeOptions(undefined);
    expect(dev.length).toBeGreaterThan(10);
    expect(dev.every((value) => value === '--enable-source-maps')).toBe(true);
  });

  it('cannot synthesize prod with the dev identity provider', () => {
    expect(() => synth('prod', true)).toThrow(/prod stage cannot have the dev identity provider/);
    expect(() => synth('dev', true)).not.toThrow();
  });
});
