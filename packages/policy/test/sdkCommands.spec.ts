// Every `*Command` of every AWS SDK v3 client this repository depends on must map to IAM actions
// that exist, or have an exception-table row: a new SDK release with an operation the IAM data
// does not name turns this red instead of producing an invented action.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { iamPrefix } from '../src/discover/iamPrefix.js';
import { IamData } from '../src/iam/IamData.js';
import { EXCEPTIONS } from '../src/map/exceptions.js';
import { operationNeeds } from '../src/map/mapCall.js';
import { DOCUMENT_OPERATIONS, WAITER_OPERATIONS } from '../src/map/operationAliases.js';
import { Request } from '../src/map/Request.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(join(root, 'package.json'));
const data = new IamData();

/** `@aws-sdk/client-*` and `@aws-sdk/lib-dynamodb` named in any workspace's package.json. */
async function sdkPackages(): Promise<string[]> {
  const manifests = [join(root, 'package.json')];
  for (const group of ['packages', 'examples', 'test']) {
    for (const name of await readdir(join(root, group)))
      manifests.push(join(root, group, name, 'package.json'));
  }
  manifests.push(join(root, 'benchmarks', 'package.json'));
  const names = new Set<string>();
  for (const file of manifests) {
    const json = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<
      string,
      Record<string, string>
    >;
    for (const deps of [json.dependencies, json.devDependencies])
      for (const name of Object.keys(deps ?? {}))
        if (name.startsWith('@aws-sdk/client-') || name === '@aws-sdk/lib-dynamodb') names.add(name);
  }
  return [...names].sort();
}

const packages = await sdkPackages();

async function commandsOf(pkg: string): Promise<string[]> {
  const mod = (await import(require.resolve(pkg))) as Record<string, unknown>;
  return Object.keys(mod)
    .filter(
      (k) => /^[A-Z]\w*Command$/.test(k) && !k.endsWith('ClientCommand') && typeof mod[k] === 'function',
    )
    .map((k) => k.slice(0, -'Command'.length));
}

async function actionsExist(actions: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const a of actions) {
    const [prefix = '', name = ''] = a.split(':');
    if ((await data.action(prefix, name)) === undefined) missing.push(a);
  }
  return missing;
}

describe('SDK commands → IAM actions', () => {
  it('covers the SDK clients the repository depends on', () => {
    expect(packages).toEqual(
      expect.arrayContaining(['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']),
    );
  });

  it.each(packages)('maps every command of %s to actions that exist, or to a table row', async (pkg) => {
    const document = pkg === '@aws-sdk/lib-dynamodb';
    const prefix = document ? 'dynamodb' : iamPrefix(pkg.slice('@aws-sdk/client-'.length));
    expect(await data.serviceExists(prefix)).toBe(true);
    const commands = await commandsOf(pkg);
    expect(commands.length).toBeGreaterThan(0);
    const unmapped: string[] = [];
    for (const command of commands) {
      const operation = document ? (DOCUMENT_OPERATIONS[command] ?? command) : command;
      const { result, exception } = await operationNeeds(prefix, operation, Request.EMPTY, data);
      if ('unknown' in result && exception === undefined)
        unmapped.push(`${command} → ${prefix}:${operation}?`);
      if ('needs' in result) {
        const missing = await actionsExist(result.needs.map((n) => n.action));
        if (missing.length > 0) unmapped.push(`${command} → ${missing.join(', ')} (not in the IAM data)`);
      }
    }
    expect(unmapped).toEqual([]);
  });

  it('names only actions the IAM data has, in every exception row, with a source', async () => {
    for (const row of EXCEPTIONS) {
      expect(row.source.length, row.operations.join()).toBeGreaterThan(10);
      for (const op of row.operations) {
        const result = row.needs(Request.EMPTY, op);
        if ('needs' in result)
          expect(await actionsExist(result.needs.map((n) => n.action)), `${row.service} ${op}`).toEqual([]);
      }
    }
  });

  it.each(packages.filter((p) => p !== '@aws-sdk/lib-dynamodb'))(
    'knows the operation each waiter of %s polls',
    async (pkg) => {
      const prefix = iamPrefix(pkg.slice('@aws-sdk/client-'.length));
      const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'dist-es', 'waiters');
      const files = (await readdir(dir).catch(() => [])).filter((f) => /^waitFor\w+\.js$/.test(f));
      for (const file of files) {
        const waiter = file.slice('waitFor'.length, -'.js'.length);
        const sent = [...(await readFile(join(dir, file), 'utf8')).matchAll(/new (\w+)Command\(/g)].map(
          (m) => m[1],
        );
        expect(WAITER_OPERATIONS[prefix]?.[waiter], `${pkg} ${waiter}`).toBe(sent[0]);
      }
    },
  );
});
