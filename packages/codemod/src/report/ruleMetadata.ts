import type { Severity } from '../Finding.js';

/** What SARIF says about one rule: descriptions, help and GitHub's `security-severity`. */
export interface RuleMetadata {
  /** PascalCase name, as SARIF's `reportingDescriptor.name`. */
  name: string;
  shortDescription: string;
  fullDescription: string;
  help: string;
  /** 0.0-10.0 as a string; GitHub maps >= 9.0 to critical, >= 7.0 high, >= 4.0 medium. */
  securitySeverity: string;
}

const SEVERITY_SCORE: Record<Severity, string> = { error: '8.0', warning: '5.0', note: '2.0' };

const ROTATE =
  'Deactivate the key in IAM first (git history keeps it even after the code changes), move the workload to an instance role, ECS task role or EKS Pod Identity, then run `keyless fix` or remove the key by hand.';

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

function sentence(id: string): string {
  const words = id.replace(/^aws-/, 'AWS ').replace(/-/g, ' ');
  return words[0]?.toUpperCase() + words.slice(1);
}

/**
 * Metadata for a rule id. Rules are named after what they find (`aws-access-key-id`), so the
 * descriptions derive from the id; the score derives from the most severe finding of the rule.
 */
export function ruleMetadata(ruleId: string, severity: Severity): RuleMetadata {
  const title = sentence(ruleId);
  return {
    name: pascal(ruleId),
    shortDescription: title,
    fullDescription: `${title}: static AWS credentials in source, configuration or comments.`,
    help: ROTATE,
    securitySeverity: SEVERITY_SCORE[severity],
  };
}
