/** What STS reports about a web identity token. */
export interface WebIdentityClaims {
  subject: string;
  audience: string;
  provider: string;
}

/**
 * Reads `sub`, `aud` and `iss` from a JWT-shaped token without verifying it (the emulator accepts
 * tokens from a configured list instead); opaque tokens get EKS-like defaults.
 */
export function webIdentityClaims(token: string, accountId: string): WebIdentityClaims {
  let payload: Record<string, unknown> = {};
  const part = token.split('.')[1];
  if (part !== undefined) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null) payload = parsed as Record<string, unknown>;
    } catch {
      // Not a JWT: keep the defaults.
    }
  }
  const text = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);
  const issuer = text(payload.iss, 'https://oidc.eks.us-east-1.amazonaws.com/id/KEYLESSEMULATOR').replace(
    /^https:\/\//,
    '',
  );
  return {
    subject: text(payload.sub, 'system:serviceaccount:default:default'),
    audience: text(Array.isArray(payload.aud) ? payload.aud[0] : payload.aud, 'sts.amazonaws.com'),
    provider: `arn:aws:iam::${accountId}:oidc-provider/${issuer}`,
  };
}
