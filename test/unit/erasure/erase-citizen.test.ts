import { describe, expect, it } from 'vitest';
import type { RevokePorts } from '../../../functions/core/consents/revoke-partner';
import type { CopyRecord } from '../../../functions/core/copies/copy-record';
import {
  BATCH,
  type ErasurePorts,
  type ErasureRecord,
  eraseStep,
  erasureFailure,
  startState,
} from '../../../functions/core/erasure/erase-citizen';

const now = new Date('2026-11-23T12:00:00Z');

// The erasure job's phases and batching, with in-memory stores.
function fakePorts(copyCount: number, itemCount: number) {
  const copies = Array.from({ length: copyCount }, (_, i) => ({
    copyId: `cpy_${i}`,
    pdfKey: `copies/cpy_${i}.pdf`,
  }));
  let items = itemCount;
  const deleted: string[] = [];
  const records: ErasureRecord[] = [];
  const revoke = {
    consents: { listForCitizen: async () => [] },
    decide: { requests: { listForCitizen: async () => ({ items: [] }) } },
    listCitizenCopies: async () => ({ items: [] }),
  } as unknown as RevokePorts;
  const ports: ErasurePorts = {
    revoke,
    linkedCopies: async (_citizen, limit) => copies.slice(0, limit) as unknown as CopyRecord[],
    linkedRequests: async () => [],
    deleteObject: async (key) => {
      deleted.push(key);
    },
    unlinkCopy: async (copyId) => {
      copies.splice(
        copies.findIndex((copy) => copy.copyId === copyId),
        1,
      );
    },
    unlinkRequest: async () => undefined,
    deleteOwnedRecords: async () => 0,
    deleteCitizenItems: async (_citizen, limit) => {
      const count = Math.min(items, limit);
      items -= count;
      return count;
    },
    recordErasure: async (record) => {
      records.push(record);
    },
  };
  return { ports, deleted, records };
}

async function runToEnd(ports: ErasurePorts) {
  let state = startState('cit_1', 'era_1', now);
  const phases: string[] = [];
  while (state.phase !== 'done') {
    phases.push(state.phase);
    state = await eraseStep(ports, state, now);
  }
  return { state, phases };
}

describe('the erasure job', () => {
  it('goes through every phase in bounded batches and ends with an anonymised record', async () => {
    const { ports, deleted, records } = fakePorts(BATCH + 3, BATCH * 2);
    const { state, phases } = await runToEnd(ports);
    expect(phases).toEqual(['revoke', 'copies', 'copies', 'requests', 'owned', 'wallet', 'wallet', 'wallet']);
    expect(deleted).toHaveLength(BATCH + 3);
    expect(state.counts).toEqual({ partners: 0, copies: BATCH + 3, requests: 0, items: BATCH * 2 });
    expect(records).toEqual([
      {
        erasureId: 'era_1',
        requestedAt: now.toISOString(),
        completedAt: now.toISOString(),
        counts: state.counts,
      },
    ]);
    expect(JSON.stringify(records)).not.toContain('cit_1');
  });

  it('does nothing more once done', async () => {
    const { ports, records } = fakePorts(0, 0);
    const { state } = await runToEnd(ports);
    expect(await eraseStep(ports, state, now)).toEqual(state);
    expect(records).toHaveLength(1);
  });
});

describe('a failed erasure', () => {
  it('is recorded with its phase and the error name only, never a citizen id or an error message', () => {
    const state = { ...startState('cit_secret', 'era_1', now), phase: 'copies' as const };
    const failure = erasureFailure(state, 'Lambda.Unknown', now);
    expect(failure).toEqual({
      erasureId: 'era_1',
      requestedAt: now.toISOString(),
      phase: 'copies',
      failedAt: now.toISOString(),
      error: 'Lambda.Unknown',
    });
    expect(JSON.stringify(failure)).not.toContain('cit_secret');
    expect(erasureFailure(state, 'Cannot delete copies/cit_secret.pdf: denied', now).error).toBe('Unknown');
  });
});
