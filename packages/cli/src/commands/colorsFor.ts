import type { Colors } from '@keyless/codemod';
import { NO_COLORS } from '@keyless/codemod';
import { createColors } from 'picocolors';

/**
 * Styles for a report written to `stream`: on for a terminal, off for pipes and files, `NO_COLOR`
 * turns them off and `FORCE_COLOR` on (https://no-color.org, https://force-color.org).
 */
export function colorsFor(
  stream: { isTTY?: boolean } | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Colors {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return createColors(true);
  if (stream?.isTTY !== true || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return NO_COLORS;
  return createColors(true);
}
