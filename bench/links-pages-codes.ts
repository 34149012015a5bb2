import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { LocalRuntime } from '../local/runtime';
import { callApi } from '../test/integration/support/runtime';
import { benchCall } from './http-client';
import { pool, round, type Summary, summarize, tally } from './stats';

// Deep links created per second (issue 6), the weight of each web page with its script and style
// sheet (issue 6: ≤ 150 KB gzipped per page), and 10,000 barcodes minted over HTTP with zero
// duplicates (issue 3).

export interface LinksPagesCodes {
  deeplinks: { created: number; errors: Record<string, number>; perSecond: number; latency: Summary };
  pages: Array<{ path: string; bytes: number; gzipBytes: number }>;
  codes: {
    minted: number;
    distinct: number;
    duplicates: number;
    errors: Record<string, number>;
    perSecond: number;
  };
}

export async function benchLinksPagesCodes(
  runtime: LocalRuntime,
  options: { deeplinks: number; codes: number; clients: number },
): Promise<LinksPagesCodes> {
  const { partner } = runtime.local;
  const linkPath = `/v1/partner/branches/${partner.branchId}/offers/${partner.offerId}/deeplinks`;
  await callApi(runtime, 'POST', linkPath, { token: partner.apiKey, body: { requestId: randomUUID() } });
  const linksStarted = performance.now();
  const links = await pool(options.deeplinks, options.clients, async () => {
    const started = performance.now();
    const answer = await callApi(runtime, 'POST', linkPath, {
      token: partner.apiKey,
      body: { requestId: randomUUID() },
    });
    return { ms: performance.now() - started, status: answer.status };
  });
  const linksWallMs = performance.now() - linksStarted;
  const created = links.filter((l) => l.status === 201);

  const pages = [];
  // Every page the web Lambda serves; tokens and codes need not exist for the page's weight.
  const placeholders: Record<string, string> = {
    '/d/bench-token-that-does-not-exist-000000': '/d/{token}',
    '/q/bench-qr-code-that-does-not-exist-0000': '/q/{qrCode}',
  };
  for (const path of ['/wallet', '/verify', ...Object.keys(placeholders)]) {
    const html = await fetch(runtime.apiUrl + path).then((r) => r.text());
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const bodies = [Buffer.from(html)];
    for (const asset of assets)
      bodies.push(Buffer.from(await (await fetch(runtime.apiUrl + asset)).arrayBuffer()));
    pages.push({
      path: placeholders[path] ?? path,
      bytes: bodies.reduce((sum, b) => sum + b.length, 0),
      gzipBytes: bodies.reduce((sum, b) => sum + gzipSync(b).length, 0),
    });
  }

  // Every demo document in turn, so each code replaces the previous live code of its document.
  const documents = runtime.local.citizens.flatMap((c) =>
    c.documents.map((d) => ({ token: c.token, docId: d.docId })),
  );
  const codesStarted = performance.now();
  const minted = await pool(options.codes, options.clients, async (index) => {
    const document = documents[index % documents.length]!;
    const answer = await benchCall(runtime.apiUrl, 'POST', `/v1/me/documents/${document.docId}/barcodes`, {
      token: document.token,
    });
    return { status: answer.status, barcode: String(answer.body?.barcode ?? '') };
  });
  const codesWallMs = performance.now() - codesStarted;
  const codes = minted.filter((m) => m.status === 201).map((m) => m.barcode);
  const distinct = new Set(codes).size;

  return {
    deeplinks: {
      created: created.length,
      errors: tally(links.filter((l) => l.status !== 201).map((l) => l.status)),
      perSecond: round(created.length / (linksWallMs / 1000), 1),
      latency: summarize(created.map((l) => l.ms)),
    },
    pages,
    codes: {
      minted: codes.length,
      distinct,
      duplicates: codes.length - distinct,
      errors: tally(minted.filter((m) => m.status !== 201).map((m) => m.status)),
      perSecond: round(codes.length / (codesWallMs / 1000), 1),
    },
  };
}
