import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@keyless/test-support';

/**
 * Fixture placeholders: `{{AKID:n}}`, `{{ASIA:n}}`, `{{SECRET:n}}`, `{{TOKEN:n}}` become generated
 * values (the same n gives the same value within one case); `{{AKID:n:a:b}}` is a slice of it, for
 * keys split across string pieces; `{{MASK:AKID:n}}` is the masked id a finding must carry.
 */
export class Placeholders {
  readonly #values = new Map<string, string>();

  value(kind: string, n: string): string {
    const key = `${kind}:${n}`;
    let value = this.#values.get(key);
    if (value === undefined) {
      value =
        kind === 'AKID'
          ? fakeAccessKeyId('AKIA')
          : kind === 'ASIA'
            ? fakeAccessKeyId('ASIA')
            : kind === 'SECRET'
              ? fakeSecretAccessKey()
              : kind === 'TOKEN'
                ? fakeSessionToken()
                : '';
      if (value === '') throw new Error(`unknown placeholder kind ${kind}`);
      this.#values.set(key, value);
    }
    return value;
  }

  fill(text: string): string {
    return text.replace(
      /\{\{(MASK:)?(AKID|ASIA|SECRET|TOKEN):(\d+)(?::(\d+))?(?::(\d+))?\}\}/g,
      (_m, mask: string | undefined, kind: string, n: string, from?: string, to?: string) => {
        const value = this.value(kind, n);
        if (mask !== undefined) return `${value.slice(0, 4)}…${value.slice(-4)}`;
        if (from === undefined) return value;
        return value.slice(Number(from), to === undefined ? undefined : Number(to));
      },
    );
  }

  /** Every generated secret value, to assert none of them leaks into findings. */
  all(): string[] {
    return [...this.#values.values()];
  }
}
