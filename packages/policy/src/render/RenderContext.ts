/** What fills the placeholders of a policy: `--partition/--region/--account` and `--env NAME=VALUE`. */
export interface RenderContext {
  partition?: string;
  region?: string;
  account?: string;
  /** Values for the environment variables the code reads resource names from. */
  env?: Readonly<Record<string, string>>;
}
