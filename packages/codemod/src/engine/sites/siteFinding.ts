import type { Finding } from '../../Finding.js';
import type { FixTarget } from '../AnalyzeOptions.js';
import { span } from '../detect/hitFinding.js';
import { keyHash, maskKeyId } from '../detect/maskKeyId.js';
import type { PlannedSite } from '../fix/planFixes.js';
import type { LineIndex } from '../parse/LineIndex.js';
import type { Site } from './Site.js';

/** The file a finding is for and the rewrite target its message names. */
export interface FindingContext {
  file: string;
  lines: LineIndex;
  target: FixTarget;
}

function sentence(site: Site, what: string): string {
  switch (site.kind) {
    case 'v3-client':
    case 'v2-client':
      return `${site.where} is given ${what}`;
    case 'v2-config-update':
      return `AWS.config.update sets ${what} for every v2 client`;
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
  const { file, lines, target } = at;
  const masked = judgement.keyId === undefined ? undefined : maskKeyId(judgement.keyId);
  const what = masked === undefined ? judgement.what : `${judgement.what} (${masked})`;
  const rotate = masked === undefined ? '' : `; rotate ${masked}`;
  const message = `${sentence(site, what)}${blocker === undefined ? `; ${fixWords(site, target)}` : ''}${rotate}`;
  return {
    ruleId: judgement.ruleId,
    severity: judgement.severity,
    file,
    ...span(lines, site.node.start, site.node.end),
    message,
    ...(masked !== undefined &&
      judgement.keyId !== undefined && { keyId: masked, keyHash: keyHash(judgement.keyId) }),
    ...(judgement.keyId === undefined &&
      judgement.secret !== undefined && { secretHash: keyHash(judgement.secret) }),
    fixable: blocker === undefined,
    ...(blocker !== undefined && { suggestion: blocker }),
  };
}
