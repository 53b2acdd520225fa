/**
 * IAM's wildcard matching, written here because no library compares a policy's pattern with a
 * pattern of the code's (glob libraries match a pattern against a plain string). One side, the
 * `grant`, is an IAM pattern: `*` any run of characters, `?` one, `${...}` a value the template
 * computes (optimistically: anything). The other, the `need`, is what the code or an ARN template
 * asks for: literal text, `*` where the code itself asks for every name under a prefix (which only
 * a `*` of the grant covers), and `${...}` a value not known here (the account, an env parameter,
 * an ARN template's variable), which stands for some text without `:` (nor `/`, for a bucket name).
 */
type Token = { lit: string } | { any: true } | { one: true } | { hole: true; last?: true; noSlash?: true };

function tokens(pattern: string, side: 'grant' | 'need'): Token[] {
  const out: Token[] = [];
  const re = /\$\{([^}]*)\}|\*|\?|[^$*?]+|\$/g;
  for (let m = re.exec(pattern); m !== null; m = re.exec(pattern)) {
    const t = m[0];
    if (t.startsWith('${')) {
      // Right after `:::` comes an S3 bucket name, which never holds a `/`.
      const bucket = pattern.slice(0, m.index).endsWith(':::');
      out.push(side === 'grant' ? { any: true } : { hole: true, ...(bucket && { noSlash: true }) });
    } else if (t === '*') out.push({ any: true });
    else if (t === '?') out.push(side === 'grant' ? { one: true } : { lit: '?' });
    else for (const ch of t) out.push({ lit: ch });
  }
  return out;
}

const same = (a: string, b: string, caseless: boolean) =>
  caseless ? a.toLowerCase() === b.toLowerCase() : a === b;

function match(grant: Token[], need: Token[], caseless: boolean): boolean {
  const memo = new Map<number, boolean>();
  const width = need.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const seen = memo.get(key);
    if (seen !== undefined) return seen;
    let r: boolean;
    const g = grant[i];
    const n = need[j];
    if (g === undefined) r = n === undefined || ('hole' in n && go(i, j + 1));
    else if ('any' in g) r = go(i + 1, j) || (n !== undefined && go(i, j + 1));
    else if (n !== undefined && 'hole' in n) {
      // The unknown value is empty here, or it is (at least) the grant's next character.
      const char = 'lit' in g ? g.lit : 'one' in g ? '' : undefined;
      const takes =
        char !== undefined && (n.last === true || char !== ':') && !(n.noSlash === true && char === '/');
      r = go(i, j + 1) || (takes && go(i + 1, j));
    } else if (n === undefined) r = false;
    else if ('one' in g) r = 'lit' in n && go(i + 1, j + 1);
    else r = 'lit' in n && 'lit' in g && same(n.lit, g.lit, caseless) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** Whether an IAM action pattern (`s3:Get*`) covers an action; IAM compares actions without case. */
export function actionMatches(pattern: string, action: string): boolean {
  return match(tokens(pattern, 'grant'), tokens(action, 'need'), true);
}

/** Whether a granted resource pattern covers everything the code asks for with `need` (an ARN as `renderArn` writes it). */
export function resourceCovers(grant: string, need: string): boolean {
  return match(tokens(grant, 'grant'), tokens(need, 'need'), false);
}

/**
 * Whether a granted resource pattern can name a resource of an ARN template
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`): its last variable may hold anything
 * (`log-group:/x:*`, a qualified function) but a bucket name no `/`; the others hold no `:`.
 */
export function fitsTemplate(grant: string, template: string): boolean {
  const need = tokens(template, 'need');
  const lastHole = [...need].reverse().find((t) => 'hole' in t);
  if (lastHole !== undefined && 'hole' in lastHole) lastHole.last = true;
  // Read as "some ARN of this type fits the grant": the grant's `*` may stand for any variable.
  return match(tokens(grant, 'grant'), need, false);
}
