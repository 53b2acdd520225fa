import { DeployedFileError } from './DeployedFileError.js';
import type { GrantStatement } from './DeployedRole.js';

/** Where a policy sits in its file, and how to render a value a template computes. */
export interface PolicySite {
  file: string;
  /** The name the findings give it (`aws_iam_role_policy.orders`, `OrdersRole.Policies[0]`). */
  policy: string;
  /** The line of statement `index` (or of the whole policy when the file cannot tell). */
  lineOf: (index: number) => number;
  /** A resource or action value that is not a plain string (CloudFormation `Fn::Sub`), as a pattern. */
  pattern?: (value: unknown) => string | undefined;
}

const KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/**
 * The statements of one IAM policy document, checked for the shape IAM accepts: a `Statement`
 * object or array, each with `Effect` Allow or Deny, exactly one of `Action`/`NotAction` and of
 * `Resource`/`NotResource` (a trust policy has `Principal` instead of a resource). Throws a
 * `DeployedFileError` with the statement's line for anything else.
 */
export function statementsOf(document: unknown, site: PolicySite): GrantStatement[] {
  const fail = (message: string, index?: number): never => {
    throw new DeployedFileError(site.file, `${site.policy}: ${message}`, { line: site.lineOf(index ?? -1) });
  };
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    fail('a policy document must be an object with "Statement"');
  const raw = (document as { Statement?: unknown }).Statement;
  if (raw === undefined) fail('the policy document has no "Statement"');
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((s: unknown, i): GrantStatement => {
    if (typeof s !== 'object' || s === null || Array.isArray(s))
      return fail(`statement ${i + 1} is not an object`, i);
    const st = s as Record<string, unknown>;
    const extra = Object.keys(st).find((k) => !KEYS.has(k));
    if (extra !== undefined) fail(`statement ${i + 1} has an unknown element "${extra}"`, i);
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny')
      fail(`statement ${i + 1}: "Effect" must be "Allow" or "Deny", got ${JSON.stringify(st.Effect)}`, i);
    if ((st.Action === undefined) === (st.NotAction === undefined))
      fail(`statement ${i + 1} needs exactly one of "Action" and "NotAction"`, i);
    const list = (key: string): string[] | undefined => {
      const v = st[key];
      if (v === undefined) return undefined;
      const items = Array.isArray(v) ? v : [v];
      return items.map((item) => {
        const text = typeof item === 'string' ? item : site.pattern?.(item);
        return text ?? fail(`statement ${i + 1}: "${key}" must hold strings, got ${JSON.stringify(item)}`, i);
      });
    };
    return {
      file: site.file,
      line: site.lineOf(i),
      policy: site.policy,
      effect: st.Effect as 'Allow' | 'Deny',
      ...optional('action', list('Action')),
      ...optional('notAction', list('NotAction')),
      ...optional('resource', list('Resource')),
      ...optional('notResource', list('NotResource')),
      conditional: st.Condition !== undefined,
    };
  });
}

const optional = <K extends string>(key: K, value: string[] | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string[]>>;

/** The service principals a trust policy names. */
export function trustedServicesOf(document: unknown): string[] {
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  const out: string[] = [];
  for (const s of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
    const service = (s as { Principal?: { Service?: unknown } } | null)?.Principal?.Service;
    for (const name of Array.isArray(service) ? service : [service])
      if (typeof name === 'string' && !out.includes(name)) out.push(name);
  }
  return out;
}
