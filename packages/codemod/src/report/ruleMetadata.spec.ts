import { describe, expect, it } from 'vitest';
import { ruleMetadata } from './ruleMetadata.js';

describe(ruleMetadata.name, () => {
  it('describes the engine rules with a GitHub security-severity in range', () => {
    const m = ruleMetadata('aws-secret-access-key', 'warning');
    expect(m.name).toBe('AwsSecretAccessKey');
    expect(m.shortDescription).toBe('Hard-coded AWS secret access key');
    expect(Number(m.securitySeverity)).toBeGreaterThanOrEqual(9);
  });

  it('derives metadata for a rule it does not know, scored by severity', () => {
    const m = ruleMetadata('aws-new-shape', 'note');
    expect(m).toMatchObject({
      name: 'AwsNewShape',
      shortDescription: 'AWS new shape',
      securitySeverity: '2.0',
    });
    expect(Number(ruleMetadata('aws-new-shape', 'error').securitySeverity)).toBeGreaterThan(
      Number(m.securitySeverity),
    );
  });
});
