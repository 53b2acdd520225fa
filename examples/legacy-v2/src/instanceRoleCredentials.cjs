'use strict';
const { InstanceRoleCredentials } = require('@keyless/shims');

/**
 * The job's credentials after the migration: the instance role first, and the two keys it used to
 * read from its environment kept only as the logged fallback, so a host that has no role yet keeps
 * working and says so once (with the key id masked) instead of failing.
 *
 * @param {Readonly<Record<string, string | undefined>>} env where the old keys are read from
 * @param {Omit<import('@keyless/shims').InstanceRoleCredentialsInit, 'staticCredentials'>} [init]
 *   every other option of `fromInstanceRole()`: `logger`, `staticKeys`, and `env` in tests
 */
function instanceRoleCredentials(env, init = {}) {
  return new InstanceRoleCredentials({
    ...init,
    staticCredentials: {
      accessKeyId: env.EXPORT_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.EXPORT_SECRET_ACCESS_KEY ?? '',
    },
  });
}

module.exports = { instanceRoleCredentials };
