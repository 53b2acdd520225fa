import { maskAccessKeyId } from '@keyless/redact';
import type { Finding } from '../../Finding.js';
import type { FixTarget } from '../AnalyzeOptions.js';
import { span } from '../detect/hitFinding.js';
import { keyHash } from '../detect/keyHash.js';
import type { PlannedSite } from '../fix/planFixes.js';
import type { LineIndex } from '../parse/LineIndex.js';
import type { Site } from './Site.js';

/** The file a finding is for and the rewrite target its message names (none for a committed version). */
export interface FindingContext {
  file: string;
  text: string;
  lines: LineIndex;
  target?: FixTarget;
}

/**
 * Where the key itself is written: the key id's (or secret's) own characters inside the expression
 * that holds it, so a key in a multi-line template is found on its line, not the template's first.
 */
function keySpan(
  judgement: PlannedSite['judgement'],
  text: string,
): { start: number; end: number } | undefined {
  const node = judgement.keyNode;
  if (node === undefined) return undefined;
  const value = judgement.keyId ?? judgement.secret;
  const at = value === undefined ? -1 : text.indexOf(value, node.start);
  if (value !== undefined && at >= 0 && at + value.length <= node.end)
    return { start: at, end: at + value.length };
  return { start: node.start, end: node.end };
}

function sentence(site: Site, what: string): string {
  switch (site.kind) {
    case 'v3-client':
    case 'v2-client':
      return `${site.where} is given ${what}`;
    case 'v2-config-update':
      return `${site.where} sets ${what} for every v2 client`;
    case 'v2-config-credentials':
      return `AWS.config.credentials is set from ${what}`;
    case 'v2-config-keys':
      return `The v2 global config keys are set from ${what}`;
    case 'v2-credentials':
      return `new AWS.Credentials() is built from ${what}`;
    case 'load-from-path':
      return `AWS.config.loadFromPath loads static keys from ${site.detail ?? 'a JSON file'}`;
    case 'env-assignment':
      return `${site.where} is assigned ${what} in code`;
    case 'default-param':
      return `${site.where} falls back to ${what}`;
    case 'logged':
      return `${site.where} writes AWS credentials (a secret key or session token) to the log`;
  }
}

/** What the related location of a key's finding is. */
function usedBy(site: Site): string {
  return site.kind === 'v3-client' || site.kind === 'v2-client'
    ? `${site.where}, which uses the key`
    : `where the key is used (${site.where})`;
}

function fixWords(site: Site, target: FixTarget): string {
  if (target === 'sdk-default')
    return "fix removes them so the SDK's default chain (which ends at the instance role) takes over";
  return site.sdk === 'v3'
    ? 'fix replaces them with fromInstanceRole() from @keyless/credentials'
    : 'fix replaces them with new InstanceRoleCredentials() from @keyless/shims';
}

/**
 * The finding for a judged site. The message names the receiver, what it gets (masked key id, env
 * var names, config module) and what happens next; it never holds a secret value.
 */
export function siteFinding({ site, judgement, blocker }: PlannedSite, at: FindingContext): Finding {
  const { file, text, lines, target } = at;
  const key = keySpan(judgement, text);
  const masked = judgement.keyId === undefined ? undefined : maskAccessKeyId(judgement.keyId);
  const what = masked === undefined ? judgement.what : `${judgement.what} (${masked})`;
  const rotate = masked === undefined ? '' : `; rotate ${masked}`;
  const fix = blocker === undefined && target !== undefined ? `; ${fixWords(site, target)}` : '';
  const message = `${sentence(site, what)}${fix}${rotate}`;
  return {
    ruleId: judgement.ruleId,
    severity: judgement.severity,
    file,
    ...span(lines, key?.start ?? site.node.start, key?.end ?? site.node.end),
    message,
    ...(key !== undefined && {
      related: [{ ...span(lines, site.node.start, site.node.end), message: usedBy(site) }],
    }),
    ...(masked !== undefined &&
      judgement.keyId !== undefined && { keyId: masked, keyHash: keyHash(judgement.keyId) }),
    ...(judgement.keyId === undefined &&
      judgement.secret !== undefined && { secretHash: keyHash(judgement.secret) }),
    fixable: blocker === undefined,
    ...(blocker !== undefined && { suggestion: blocker }),
  };
}
