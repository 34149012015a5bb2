import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';

// Stands in for `@aws-sdk/credential-provider-node` (the SDK clients' default credential chain) in
// the Lambda bundles (infra/constructs/bundle-aliases.ts). Lambda gives a function its role's
// credentials in the environment — so do the embedded runtime and LocalStack — and a container
// runtime through its credentials endpoint. The default chain also carries SSO, STS web identity,
// shared INI files and credential processes: 110 KB of every bundle and ~35 ms of every cold start
// (docs/benchmarks.md, "Fourth pass: bundles") for sources a Lambda function never has. Tools that
// run outside Lambda (tests, the operator CLI, the bench) import the SDK unbundled: the whole chain.

type Init = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];
type CredentialProvider = ReturnType<typeof fromEnv>;

/**
 * Memoized as the default chain is: the clients do not cache what their credential provider returns
 * (they only mark it memoized), so unmemoized every request of every client read the environment again.
 * Credentials without an expiry (the environment's) are kept; the container's are fetched again five
 * minutes before they expire.
 */
export function defaultProvider(init: Init = {}): CredentialProvider {
  return memoizeIdentityProvider(firstSource(init), isIdentityExpired, doesIdentityRequireRefresh)!;
}

function firstSource(init: Init): CredentialProvider {
  const environment = fromEnv(init);
  // fromHttp refuses to be built without an endpoint to call: build it only where there is one.
  let container: CredentialProvider | undefined;
  return async (properties) => {
    try {
      return await environment(properties);
    } catch (error) {
      const hasContainerEndpoint =
        process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI || process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
      if (!hasContainerEndpoint) throw error;
      container ??= fromHttp(init);
      return container(properties);
    }
  };
}
