/** RFC 3339 UTC without fractional seconds, as in AWS's IMDS samples: `2017-05-17T15:09:54Z`. */
export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Either form, as chosen by the `fractionalTimestamps` option. */
export function toIso(date: Date, fractional: boolean): string {
  return fractional ? toIsoFractional(date) : toIsoSeconds(date);
}

/** RFC 3339 UTC with fractional seconds, as the EKS Pod Identity agent and STS send. */
export function toIsoFractional(date: Date): string {
  return date.toISOString();
}
