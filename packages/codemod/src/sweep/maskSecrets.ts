import { maskKeyId } from '../engine/detect/maskKeyId.js';

/** What a masked secret looks like in every output. */
export const SECRET_MASK = '****';

// Broader than the detection rules on purpose: masking a harmless string costs nothing, printing a
// key costs a rotation. Any `A…` prefix of an AWS key id followed by 16 id characters is masked.
const KEY_ID = /(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}/g;
// Runs of base64/base64url characters long enough to be (part of) a secret key or session token.
const TOKEN_RUN = /[A-Za-z0-9/+_=-]{16,}/g;

function looksRandom(run: string): boolean {
  if (run.length >= 30 && !/^[a-z_-]+$/i.test(run)) return true;
  return /[0-9]/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run);
}

function maskRun(run: string): string {
  return looksRandom(run) ? SECRET_MASK : run;
}

/**
 * Replaces everything in `text` that looks like an AWS key id, a secret access key or a session
 * token. Used on every line, message and error the tools print, whatever produced it.
 */
export function redactSecrets(text: string): string {
  return text.replace(KEY_ID, maskKeyId).replace(TOKEN_RUN, maskRun);
}
