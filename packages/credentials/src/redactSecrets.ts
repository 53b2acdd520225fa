import { maskAccessKeyId } from './maskAccessKeyId.js';

// Access key ids (AKIA/ASIA and the other IAM prefixes) followed by 12+ id characters.
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;
// Long runs of base64 characters: secret access keys are 40, session tokens hundreds.
const SECRET_LIKE = /[A-Za-z0-9+/=]{32,}/g;

/**
 * Defence in depth for text that came from outside keyless (an upstream error message, a server's
 * error body): masks anything shaped like an access key id and removes anything shaped like a secret
 * access key or session token. keyless's own messages never contain secrets in the first place.
 */
export function redactSecrets(text: string): string {
  return text.replace(ACCESS_KEY_ID, (id) => maskAccessKeyId(id)).replace(SECRET_LIKE, '[redacted]');
}
