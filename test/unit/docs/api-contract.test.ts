import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../../functions/routes';

const root = path.resolve(import.meta.dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.') || name === 'cdk.out' || name === 'test-output')
      return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return name.endsWith('.md') ? [full] : [];
  });
}

describe('the project’s own contract, docs/api.md', () => {
  const contract = readFileSync(path.join(root, 'docs/api.md'), 'utf8');

  it('names every route the service has, with its method and path', () => {
    const missing = allRoutes
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => !contract.includes(`\`${route}\``));
    expect(missing).toEqual([]);
  });

  it('names no route the service does not have (in its route index)', () => {
    const index = contract.slice(contract.indexOf('## Route index'));
    const listed = [...index.matchAll(/^\| `([A-Z]+ \S+)`/gm)].map((match) => match[1]);
    const known = new Set(allRoutes.map((route) => `${route.method} ${route.path}`));
    expect(listed.filter((route) => !known.has(route!))).toEqual([]);
  });
});

// The design inputs' folder, which is not part of the repository (built, so this file names it not).
const designInputs = ['shared', 'docs', ''].join('/');

describe('documentation links', () => {
  it('never point outside the repository', () => {
    const outside: string[] = [];
    for (const file of markdownFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target!)) continue;
        const resolved = path.resolve(path.dirname(file), target!.split('#')[0]!);
        if (!resolved.startsWith(`${root}${path.sep}`))
          outside.push(`${path.relative(root, file)} → ${target}`);
      }
      if (text.includes(designInputs)) outside.push(`${path.relative(root, file)} names ${designInputs}`);
    }
    expect(outside).toEqual([]);
  });
});
