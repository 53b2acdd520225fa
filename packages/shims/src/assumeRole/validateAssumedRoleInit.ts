import { AssumedRoleCache } from './AssumedRoleCache.js';
import type { FromAssumedRoleInit } from './FromAssumedRoleInit.js';

// Formats from the STS AssumeRole API reference.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

function fail(message: string): never {
  throw new TypeError(`fromAssumedRole: ${message}`);
}

/** Checks every option at construction, so a typo fails at startup rather than on the first request. */
export function validateAssumedRoleInit(init: FromAssumedRoleInit): void {
  if (typeof init !== 'object' || init === null)
    fail('init must be an object with roleArn and roleSessionName');
  const { roleArn, roleSessionName, externalId, durationSeconds, source, clientConfig, maxRoles, cache } =
    init;
  if (typeof roleArn !== 'string' || !ROLE_ARN.test(roleArn)) {
    fail(`roleArn must look like arn:aws:iam::123456789012:role/name; got ${JSON.stringify(roleArn)}`);
  }
  if (typeof roleSessionName !== 'string' || !SESSION_NAME.test(roleSessionName)) {
    fail(`roleSessionName must be 2-64 of A-Za-z0-9_+=,.@-; got ${JSON.stringify(roleSessionName)}`);
  }
  // The external id is a shared secret of sorts: say what is wrong with it, never echo it.
  if (externalId !== undefined && (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId))) {
    fail('externalId must be 2-1224 of A-Za-z0-9_+=,.@:/-');
  }
  if (
    durationSeconds !== undefined &&
    (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200)
  ) {
    fail(`durationSeconds must be an integer from 900 to 43200; got ${String(durationSeconds)}`);
  }
  if (source !== undefined && typeof source !== 'function')
    fail('source must be a credentials provider function');
  if (clientConfig !== undefined) {
    if (typeof clientConfig !== 'object' || clientConfig === null) fail('clientConfig must be an object');
    if ('credentials' in clientConfig)
      fail('clientConfig.credentials is not used: pass the signing credentials as source');
  }
  if (cache !== undefined && !(cache instanceof AssumedRoleCache)) fail('cache must be an AssumedRoleCache');
  if (maxRoles !== undefined && (!Number.isSafeInteger(maxRoles) || maxRoles < 1)) {
    fail(`maxRoles must be a positive integer; got ${String(maxRoles)}`);
  }
  if (cache !== undefined && maxRoles !== undefined && maxRoles !== cache.maxRoles) {
    fail(`maxRoles ${maxRoles} differs from the given cache's ${cache.maxRoles}; set it on the cache`);
  }
}
