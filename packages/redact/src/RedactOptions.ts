/** Options of `redactSecrets` and `redactError`. */
export interface RedactOptions {
  /**
   * The exact secret values the caller read or was given (an authorization token, a web identity
   * token, a secret access key). Each is removed verbatim wherever it appears, whatever its shape, so
   * a token that reads like words is caught too. `undefined` entries and values shorter than 4
   * characters are ignored.
   */
  known?: Iterable<string | undefined>;
  /**
   * Cut the redacted text to this many characters, ending in `…`. The cut happens after redaction,
   * so it can never leave part of a secret behind.
   */
  maxLength?: number;
}
