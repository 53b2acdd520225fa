// Realistic services as fixtures (test/fixtures/services/<name>/ with expected.json, written by
// hand): the derived action set is exact, the IAM policy simulator allows every request the code
// makes and denies every near miss, and what the code does not tell is reported, never granted.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { derivePolicy, EXCEPTIONS, IamData, policyReport, readSources } from '../src/index.js';
import { Request } from '../src/map/Request.js';
import { ACCOUNT, simulate } from './simulate.js';

interface Expected {
  description: string;
  env: Record<string, string>;
  actions: string[];
  allowed: { action: string; resource: string }[];
  denied: { action: string; resource: string }[];
  underivable: { action: string; param: string; file: string; line: number }[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'services');
const services = (await readdir(root)).sort();
const data = new IamData();
// Actions the exception table grants on `*` although the data lists an optional resource type.
const ANY_RESOURCE = new Set(
  EXCEPTIONS.flatMap((row) =>
    row.operations.flatMap((op) => {
      const result = row.needs(Request.EMPTY, op);
      return 'needs' in result ? result.needs.filter((n) => n.anyResource).map((n) => n.action) : [];
    }),
  ),
);

describe('realistic services', () => {
  it('has the services of the issue', () => {
    expect(services.length).toBeGreaterThanOrEqual(7);
  });

  it.each(services)(
    '%s: exact actions, allowed requests, denied near misses, reported underivables',
    async (name) => {
      const dir = join(root, name);
      const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Expected;
      const derivation = await derivePolicy({ sources: await readSources(['.'], dir), cwd: dir, data });
      const report = policyReport(derivation, {
        partition: 'aws',
        region: 'eu-west-1',
        account: ACCOUNT,
        env: expected.env,
      });

      expect(derivation.problems).toEqual([]);
      expect([...new Set(report.policy.Statement.flatMap((s) => s.Action))].sort()).toEqual(
        [...expected.actions].sort(),
      );
      expect(
        report.underivable.map(({ action, param, file, line }) => ({ action, param, file, line })),
      ).toEqual(expected.underivable);
      for (const statement of report.policy.Statement) {
        for (const resource of statement.Resource) {
          expect(resource, statement.Sid).not.toMatch(/\$\{/);
          if (resource === '*')
            for (const action of statement.Action)
              expect(
                (await isWildcardOnlyAction(...(action.split(':') as [string, string]))) ||
                  ANY_RESOURCE.has(action),
                action,
              ).toBe(true);
        }
      }
      for (const r of expected.allowed)
        expect(await simulate(report.policy, r.action, r.resource), `${r.action} ${r.resource}`).toBe(
          'Allowed',
        );
      for (const r of expected.denied)
        expect(await simulate(report.policy, r.action, r.resource), `${r.action} ${r.resource}`).not.toBe(
          'Allowed',
        );
    },
  );
});
