import type { RequestKind } from '../RequestLog.js';
import { SSO_PATH } from '../sso/handleSso.js';

const TOKEN_PATH = /^\/[^/]+\/api\/token$/;
const ROLE_LIST_PATH = /^\/[^/]+\/meta-data\/iam\/security-credentials(-extended)?\/?$/;
const CREDENTIALS_PATH = /^\/[^/]+\/meta-data\/iam\/security-credentials(-extended)?\/[^/]+\/?$/;
const IMDS_PATH = /^\/(latest|\d{4}-\d{2}-\d{2}|1\.0)(\/|$)/;
const CONTAINER_PATH = /^\/v[12]\/credentials(\/|$)/;
const S3_PATH = /^\/s3(\/|$)/;

/**
 * Decides which surface a request is for. STS lives at `/` (a form POST, or a GET with `Action`),
 * so a plain `GET /` stays the IMDS version listing. S3 lives under `/s3` (path-style requests), the
 * IAM Identity Center portal at `/federation/credentials`.
 */
export function classifyRequest(method: string, path: string, query: URLSearchParams): RequestKind {
  if (path === '/') return method === 'POST' || query.has('Action') ? 'sts' : 'imds-other';
  if (TOKEN_PATH.test(path)) return 'imds-token';
  if (ROLE_LIST_PATH.test(path)) return 'imds-role-list';
  if (CREDENTIALS_PATH.test(path)) return 'imds-credentials';
  if (IMDS_PATH.test(path)) return 'imds-other';
  if (CONTAINER_PATH.test(path)) return 'container';
  if (S3_PATH.test(path)) return 's3';
  if (path === SSO_PATH) return 'sso';
  return 'other';
}
