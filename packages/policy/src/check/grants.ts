import type { GrantStatement } from './DeployedRole.js';
import { actionMatches, resourceCovers } from './globMatch.js';

/** Whether a statement's actions cover `action` (`NotAction`: every action it does not list). */
export function coversAction(s: GrantStatement, action: string): boolean {
  if (s.action !== undefined) return s.action.some((p) => actionMatches(p, action));
  return !(s.notAction ?? []).some((p) => actionMatches(p, action));
}

/** Whether a statement's resources cover the ARN the code needs (`NotResource`: every one it does not list). */
export function coversResource(s: GrantStatement, need: string): boolean {
  if (s.resource !== undefined) return s.resource.some((g) => resourceCovers(g, need));
  return !(s.notResource ?? []).some((g) => resourceCovers(g, need));
}

/**
 * Whether some Allow statement grants `action` on `need` (`undefined`: on some resource). Deny
 * statements and conditions are not evaluated: this answers "is it granted at all", the question
 * a missing grant raises; the simulator tests check the generated policies in full.
 */
export function isGranted(statements: readonly GrantStatement[], action: string, need?: string): boolean {
  return statements.some(
    (s) => s.effect === 'Allow' && coversAction(s, action) && (need === undefined || coversResource(s, need)),
  );
}
