import { describe, expect, it } from 'vitest';
import {
  CertificateChainMismatch,
  type CertificateStore,
  type StoredCertificateChain,
} from '../../../functions/core/copies/certificate-chain';
import { obtainCertificateChain } from '../../../functions/core/copies/issue-certificate-chain';
import { MemorySigner } from './support/memory-signer';

// The chain in the table is trusted only if KMS's keys are what its certificates certify: someone
// who can write the table must not be able to make copies verify under a root of their choosing.

const now = new Date('2026-12-04T12:00:00Z');

function memoryStore(): CertificateStore & { chain?: StoredCertificateChain } {
  return {
    async getChain() {
      return this.chain;
    },
    async createChain(chain) {
      if (this.chain) return false;
      this.chain = chain;
      return true;
    },
  };
}

const keyed = (keyId: string) => Object.assign(new MemorySigner(), { keyId });

describe('the certificate chain pin', () => {
  it('serves a stored chain whose certificates certify the configured KMS keys', async () => {
    const keys = { signing: keyed('signing'), root: keyed('root') };
    const store = memoryStore();
    const made = await obtainCertificateChain(store, keys, now);
    expect(await obtainCertificateChain(store, keys, now)).toEqual(made);
  });

  it('refuses a chain written with the right key ids but certificates of other keys', async () => {
    const keys = { signing: keyed('signing'), root: keyed('root') };
    // An attacker makes a chain with keys of their own and labels it with our key ids.
    const forged = memoryStore();
    await obtainCertificateChain(forged, { signing: keyed('signing'), root: keyed('root') }, now);
    const store = memoryStore();
    store.chain = forged.chain;
    await expect(obtainCertificateChain(store, keys, now)).rejects.toThrow(CertificateChainMismatch);
    await expect(obtainCertificateChain(store, keys, now)).rejects.toThrow(/root certificate/);

    // Our root, but a signing certificate for another key: refused too.
    const ours = memoryStore();
    await obtainCertificateChain(ours, keys, now);
    store.chain = { ...ours.chain!, signingCertDer: forged.chain!.signingCertDer };
    await expect(obtainCertificateChain(store, keys, now)).rejects.toThrow(/signing certificate/);
  });
});
