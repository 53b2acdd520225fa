import type { Severity } from '../Finding.js';

/** What SARIF says about one rule: descriptions, help and GitHub's `security-severity`. */
export interface RuleMetadata {
  /** PascalCase name, as SARIF's `reportingDescriptor.name`. */
  name: string;
  shortDescription: string;
  fullDescription: string;
  help: string;
  /** 0.0-10.0 as a string; GitHub shows >= 9.0 as critical, >= 7.0 high, >= 4.0 medium, else low. */
  securitySeverity: string;
}

const ROTATE =
  'Deactivate the key in IAM first (git history keeps it after the code changes), give the workload an instance role, ECS task role or EKS Pod Identity, then run `keyless fix` or remove the key by hand.';

/** The engine's rules. A rule id never changes once published: GitHub tracks alerts by it. */
const KNOWN: Record<string, Omit<RuleMetadata, 'name'>> = {
  'aws-access-key-id': {
    shortDescription: 'Hard-coded AWS access key id',
    fullDescription:
      'An AWS access key id (AKIA/ASIA/ABIA/ACCA) appears in source, a comment or a config file.',
    help: ROTATE,
    securitySeverity: '9.0',
  },
  'aws-secret-access-key': {
    shortDescription: 'Hard-coded AWS secret access key',
    fullDescription: 'A 40-character AWS secret access key appears in source, a comment or a config file.',
    help: ROTATE,
    securitySeverity: '9.5',
  },
  'aws-session-token': {
    shortDescription: 'Hard-coded AWS session token',
    fullDescription: 'An STS session token appears in source or config. It expires, but may still be valid.',
    help: 'Remove the token; let the SDK obtain temporary credentials from the instance role at run time.',
    securitySeverity: '7.0',
  },
  'aws-generated-key-id': {
    shortDescription: 'Key id assembled at run time',
    fullDescription:
      'A string built at run time starts like an AWS access key id (often a test fake or mock).',
    help: 'If it is a fake for tests, mark it with a `keyless-ignore` comment; otherwise treat it as a leaked key.',
    securitySeverity: '3.0',
  },
  'aws-static-credentials-v3': {
    shortDescription: 'Static credentials given to an AWS SDK v3 client',
    fullDescription:
      'A v3 client is constructed with explicit access keys instead of the default provider chain.',
    help: 'Use `credentials: fromInstanceRole()` (@keyless/credentials) or drop `credentials`; `keyless fix` does this where it is safe.',
    securitySeverity: '8.0',
  },
  'aws-static-credentials-v2': {
    shortDescription: 'Static credentials in AWS SDK v2 configuration',
    fullDescription:
      'AWS SDK v2 code sets access keys on the global config, a service client or an AWS.Credentials object.',
    help: 'Use the @keyless/shims InstanceRoleCredentials adapter or the default chain; `keyless fix` does this where it is safe.',
    securitySeverity: '8.0',
  },
  'aws-browser-credentials': {
    shortDescription: 'AWS credentials in a browser or mobile bundle',
    fullDescription:
      'Keys in React/Vite/Next public env or React Native code are shipped to every user of the app.',
    help: 'Rotate the key. Browsers have no instance role: use Cognito identity pools or presigned URLs issued by a backend.',
    securitySeverity: '9.5',
  },
  'aws-credentials-file': {
    shortDescription: 'Credentials loaded from a JSON file',
    fullDescription:
      '`AWS.config.loadFromPath` reads static keys from a file that often sits in the repository.',
    help: 'Remove the call and the file from the repository (rotate its keys); use the instance role.',
    securitySeverity: '6.0',
  },
  'aws-credentials-env-assignment': {
    shortDescription: 'Credentials written into process.env',
    fullDescription:
      'Code assigns access keys to `process.env.AWS_*`, which overrides the instance role for every client.',
    help: ROTATE,
    securitySeverity: '8.0',
  },
  'aws-credentials-default-param': {
    shortDescription: 'Credentials taken as parameters with defaults',
    fullDescription:
      'A function or constructor takes access keys as parameters, defaulting to static values.',
    help: 'Drop the parameters and let clients use the instance role through the default chain.',
    securitySeverity: '5.0',
  },
  'aws-credentials-logged': {
    shortDescription: 'Credentials written to a log',
    fullDescription: 'Code logs an access key or secret, which copies it into every log store it reaches.',
    help: 'Remove the log statement, rotate the key and purge the logs that hold it.',
    securitySeverity: '8.0',
  },
  'aws-runtime-static-keys': {
    shortDescription: 'Long-term keys minted or fetched at run time',
    fullDescription:
      'Code creates or fetches long-term access keys (IAM CreateAccessKey, a secrets store) and uses them as static credentials.',
    help: 'Use a role (AssumeRole or the instance role) instead of long-term keys.',
    securitySeverity: '4.0',
  },
};

const SEVERITY_SCORE: Record<Severity, string> = { error: '8.0', warning: '5.0', note: '2.0' };

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => (w[0]?.toUpperCase() ?? '') + w.slice(1))
    .join('');
}

/**
 * SARIF metadata for a rule id. Unknown ids (a newer engine) get a description derived from the
 * id and a score from the most severe finding of the rule.
 */
export function ruleMetadata(ruleId: string, severity: Severity): RuleMetadata {
  const known = KNOWN[ruleId];
  if (known !== undefined) return { name: pascal(ruleId), ...known };
  const words = ruleId.replace(/^aws-/, 'AWS ').replace(/-/g, ' ');
  const title = (words[0]?.toUpperCase() ?? '') + words.slice(1);
  return {
    name: pascal(ruleId),
    shortDescription: title,
    fullDescription: `${title}: static AWS credentials in source, configuration or comments.`,
    help: ROTATE,
    securitySeverity: SEVERITY_SCORE[severity],
  };
}
