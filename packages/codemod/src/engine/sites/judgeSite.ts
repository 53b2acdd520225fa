import type { ObjectExpression } from 'oxc-parser';
import type { Severity } from '../../Finding.js';
import { isKeyId } from '../detect/keyPatterns.js';
import { isStatic, type ValueSource } from '../detect/ValueSource.js';
import { type AstNode, propertyKeyName } from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';
import type { Site } from './Site.js';
import { spreadsAreKeyFree } from './spreadsAreKeyFree.js';

/** File-wide facts that decide how a site is judged. */
export interface FileFacts {
  browser: boolean;
  testPath: boolean;
  /** Some SDK options in the file point at a custom endpoint: the global config is not ours to touch. */
  endpointInFile: boolean;
  /** The file fetches long-term keys at run time (Secrets Manager, IAM CreateAccessKey). */
  mintsKeys: boolean;
  /** The file's scopes, for rules that look at what a name holds (`...base`). */
  scopes: ScopeInfo;
}

/** Calls that fetch long-term keys at run time: the keys are static even though no literal is in sight. */
export const MINTING_CALLS = /GetSecretValue|getSecretValue|CreateAccessKey|createAccessKey/;

/** How a site is reported, and why it cannot be fixed (when it cannot). */
export interface Judgement {
  ruleId: string;
  severity: Severity;
  /** The key id the finding names (a literal here or in a followed module). */
  keyId?: string | undefined;
  /** A secret or session token written here, for a fingerprint when there is no key id. */
  secret?: string | undefined;
  /** The expression in this file that holds the key id (or else the secret): where the finding sits. */
  keyNode?: AstNode | undefined;
  /** Why `fix` must leave the site alone; undefined means it may try. */
  blocker?: string | undefined;
  what: string;
}

const GUARD_KEYS = new Set(['endpoint', 'forcePathStyle', 's3ForcePathStyle', 's3BucketEndpoint']);

export const SUGGEST = {
  browser:
    'Browser and mobile code cannot keep AWS keys secret: rotate the key and use a Cognito identity pool (fromCognitoIdentityPool) or presigned URLs from a backend',
  test: 'Test code: give the client a stub credentials provider or keys generated at run time, and rotate any real key',
  endpoint:
    'The client talks to a custom endpoint (an S3-compatible store or a local emulator) that needs static keys: keep them in the standard AWS_* env vars, never in code',
  spread:
    'The options are assembled with a spread of something this file cannot see whole (it may hold credentials of its own); move the keys out by hand',
  split: 'The key is assembled from pieces; remove it by hand and rotate it',
  custom:
    'Remove the explicit keys so the SDK uses the instance role; if static keys are unavoidable, use the standard AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY env vars, which the SDK reads on its own',
  config:
    'The keys come from configuration: remove them there and here, give the workload an instance role, and rotate any key the config held',
  imported: (file: string) =>
    `The keys are exported by ${file}, which other modules may import as well: keyless fix edits one file at a time and cannot prove those exports unused, so it rewrites neither file. Remove the keys there (and rotate them) and the credentials here, by hand`,
  builder: (name: string) =>
    `The credentials are built by ${name}(), which other code may call as well: keyless fix does not rewrite a function's result for one caller. Remove the keys from ${name}() (rotate any it held) and pass no credentials here, so the SDK's default chain finds the instance role`,
  classField: (name: string) =>
    `The key sits in the class field '${name}', which every instance exposes (obj.${name}, subclasses, this[name]): keyless fix cannot prove from this file that nothing else reads it, so it rewrites neither the field nor this client. Remove the field and the credentials by hand, and rotate the key`,
  envAssignment:
    'keyless fix leaves the assignment: process.env is shared by the whole process and inherited by child processes, so code this file cannot see (another module, a spawned CLI) may read the variable. Delete it by hand (rotate the key it held) and let the instance role or the deployment provide credentials',
  defaultParam:
    'keyless fix leaves the default: the callers that pass nothing rely on it, and they live outside this function (other files, other packages). Remove the default and the parameter by hand, let the client use the instance role, and rotate the key',
  dynamic: 'Part of the credentials is computed at run time; review and remove the static part by hand',
  shared: 'The options object is also used elsewhere; remove the keys by hand',
  exported: 'The constant holding the credentials is exported; remove the keys and their users by hand',
  orm: (via: string) =>
    `The keys configure the AWS SDK that ${via} loads for itself: remove them (and rotate the key) so that SDK's default chain finds the instance role; keyless fix does not rewrite ${via}'s config`,
  minted:
    'Long-term keys fetched at run time (Secrets Manager, IAM CreateAccessKey) are still static keys: give the workload a role, or use AssumeRole for cross-account access',
} as const;

function hasGuard(options: ObjectExpression | undefined): boolean {
  return (options?.properties ?? []).some(
    (p) => p.type === 'Property' && GUARD_KEYS.has(propertyKeyName(p) ?? ''),
  );
}

/** Whether the options object of any site points at a custom endpoint. */
export function anyEndpoint(sites: Site[]): boolean {
  return sites.some((s) => hasGuard(s.options));
}

function sources(site: Site): ValueSource[] {
  return site.values.flatMap((v) => v.sources);
}

function ruleFor(site: Site, browser: boolean): string {
  if (browser) return 'aws-browser-credentials';
  switch (site.kind) {
    case 'v3-client':
      return 'aws-static-credentials-v3';
    case 'load-from-path':
      return 'aws-credentials-file';
    case 'env-assignment':
      return 'aws-credentials-env-assignment';
    case 'default-param':
      return 'aws-credentials-default-param';
    case 'logged':
      return 'aws-credentials-logged';
    default:
      return 'aws-static-credentials-v2';
  }
}

/** Why the values themselves stop a rewrite (custom env, config, pieces, run-time parts), if they do. */
function valueBlocker(site: Site): string | undefined {
  for (const value of site.values) {
    for (const s of value.sources) {
      if (s.kind === 'literal' && s.classField !== undefined && s.real)
        return SUGGEST.classField(s.classField);
      if (s.kind === 'literal' && s.how !== 'literal' && s.how !== 'template') return SUGGEST.split;
      if (s.kind === 'env' && !s.standard) return SUGGEST.custom;
      if (s.kind === 'config')
        return s.remote !== undefined ? SUGGEST.imported(s.remote.file) : SUGGEST.config;
      if (s.kind === 'dynamic') return SUGGEST.dynamic;
    }
  }
  return undefined;
}

/** What the blocker rules look at. */
interface BlockerInput {
  site: Site;
  facts: FileFacts;
  browser: boolean;
  guarded: boolean;
}

/**
 * Why `fix` must leave a site alone, first match wins: where a shape is refused is decided here,
 * one rule a row. A site no row matches may be rewritten (planning can still refuse it later).
 */
const BLOCKERS: readonly {
  applies(input: BlockerInput): boolean;
  blocker(site: Site): string | undefined;
}[] = [
  { applies: ({ browser }) => browser, blocker: () => SUGGEST.browser },
  { applies: ({ facts }) => facts.testPath, blocker: () => SUGGEST.test },
  { applies: ({ guarded }) => guarded, blocker: () => SUGGEST.endpoint },
  {
    applies: ({ site, facts }) => !spreadsAreKeyFree(site.options, facts.scopes),
    blocker: () => SUGGEST.spread,
  },
  { applies: ({ site }) => valueBlocker(site) !== undefined, blocker: valueBlocker },
  {
    applies: ({ site }) =>
      site.optionsBinding !== undefined &&
      (site.optionsBinding.reads.length !== 1 || site.optionsBinding.exported),
    blocker: () => SUGGEST.shared,
  },
  { applies: ({ site }) => site.holders.some((h) => h.exported), blocker: () => SUGGEST.exported },
];

/**
 * Judges a site: is it a finding at all (some value is a static credential), how severe, which
 * key it names, and whether anything rules out a rewrite. Later checks (constants read elsewhere,
 * overlapping edits) happen when the edits are planned.
 */
export function judgeSite(site: Site, facts: FileFacts): Judgement | undefined {
  const all = sources(site);
  const client = site.kind === 'v3-client' || site.kind === 'v2-client';
  if (client && facts.mintsKeys && all.length > 0 && all.every((s) => s.kind === 'dynamic')) {
    return {
      ruleId: 'aws-runtime-static-keys',
      severity: 'note',
      blocker: SUGGEST.minted,
      what: 'keys fetched at run time',
    };
  }
  if (site.kind !== 'logged' && !all.some(isStatic)) return undefined;
  const publicEnv = all.some((s) => s.kind === 'env' && s.public);
  // An `AWS` nobody imports is the SDK's browser build from a `<script>` tag: Node code has to
  // require it.
  const browser = facts.browser || publicEnv || site.globalSdk;
  const local = all.find((s) => s.kind === 'literal' && s.real && isKeyId(s.value.trim()));
  const remote = all.find(
    (s) => s.kind === 'config' && s.remote?.real === true && isKeyId(s.remote.value.trim()),
  );
  const keyId =
    local?.kind === 'literal'
      ? local.value.trim()
      : remote?.kind === 'config'
        ? remote.remote?.value.trim()
        : undefined;
  const leaked = all.some(
    (s) => (s.kind === 'literal' && s.real) || (s.kind === 'config' && s.remote?.real === true),
  );
  const global = site.kind.startsWith('v2-config');
  const guarded = hasGuard(site.options) || (global && facts.endpointInFile);
  const severity: Severity = browser || leaked ? 'error' : guarded ? 'note' : 'warning';
  const blocker =
    site.reportOnly ?? BLOCKERS.find((r) => r.applies({ site, facts, browser, guarded }))?.blocker(site);
  const secret = all.find((s) => s.kind === 'literal' && s.real && !isKeyId(s.value.trim()));
  return {
    ruleId: ruleFor(site, browser),
    severity,
    keyId,
    secret: secret?.kind === 'literal' ? secret.value.trim() : undefined,
    keyNode: (local ?? secret)?.node,
    blocker,
    what: describe(site, all),
  };
}

function describe(site: Site, all: ValueSource[]): string {
  const parts: string[] = [];
  if (all.some((s) => s.kind === 'literal' && s.real)) parts.push('hard-coded keys');
  const env = [...new Set(all.flatMap((s) => (s.kind === 'env' ? [s.name] : [])))];
  if (env.length > 0) {
    const pub = all.some((s) => s.kind === 'env' && s.public);
    parts.push(
      `${pub ? 'build-time public env vars (inlined into the bundle)' : 'env vars'} ${env.join(', ')}`,
    );
  }
  const configs = [
    ...new Set(
      all.flatMap((s) =>
        s.kind === 'config' ? [s.remote ? `keys from ${s.remote.file}` : s.description] : [],
      ),
    ),
  ];
  if (configs.length > 0) parts.push(configs.join(', '));
  if (site.kind === 'logged') return 'AWS credentials';
  return parts.join(' and ') || 'static credentials';
}
