import type { Part, Value } from '../resources/Value.js';
import type { ExceptionResult, Need } from './Need.js';
import type { Request } from './Request.js';

const VERBS: Readonly<Record<string, string>> = {
  SELECT: 'dynamodb:PartiQLSelect',
  INSERT: 'dynamodb:PartiQLInsert',
  UPDATE: 'dynamodb:PartiQLUpdate',
  DELETE: 'dynamodb:PartiQLDelete',
};
// Env parts stand in the statement text as private-use markers so the table name can be found.
const MARK = /\uE000(\d+)\uE001/g;
const TABLE =
  /^\s*(SELECT\b[\s\S]*?\bFROM|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+("[^"]+"|[^\s."]+)(?:\.("[^"]+"|[^\s"]+))?/i;

/**
 * PartiQL statements need `PartiQL<Verb>` on the table (or index) they name, by statement:
 * `ExecuteStatement` has one, `BatchExecuteStatement` a list, `ExecuteTransaction` a list too.
 */
export function partiqlNeeds(req: Request, operation: string): ExceptionResult {
  const statements =
    operation === 'ExecuteStatement'
      ? [req]
      : req.items(operation === 'BatchExecuteStatement' ? 'Statements' : 'TransactStatements');
  const param = operation === 'ExecuteStatement' ? 'Statement' : 'Statements';
  if (statements === undefined)
    return {
      underivable: {
        param,
        reason: 'the statements are built at run time, so their verbs and tables are not known',
      },
    };
  const out: Need[] = [];
  for (const s of statements) {
    const need = statementNeed(s.value('Statement'));
    if (need === undefined)
      return {
        underivable: {
          param,
          reason: 'a statement is built at run time, so its verb and table are not known',
        },
      };
    out.push(need);
  }
  return { needs: out };
}

function statementNeed(statement: Value | undefined): Need | undefined {
  if (statement === undefined) return undefined;
  const env: Part[] = [];
  let text = '';
  for (const p of statement.parts) {
    if ('text' in p) text += p.text;
    else text += `\uE000${env.push(p) - 1}\uE001`;
  }
  const match = TABLE.exec(text);
  const verb = match?.[1]?.split(/\s/)[0]?.toUpperCase();
  const action = verb && VERBS[verb];
  if (match === null || action === undefined || match[2] === undefined) return undefined;
  // A table name that runs into the unknown tail of the statement is not known.
  if (statement.open !== undefined && match.index + match[0].length >= text.length) return undefined;
  const table = toValue(match[2], env);
  const index = match[3] === undefined ? undefined : toValue(match[3], env);
  return index === undefined
    ? { action, resourceType: 'table', vars: { TableName: table } }
    : { action, resourceType: 'index', vars: { TableName: table, IndexName: index } };
}

function toValue(token: string, env: Part[]): Value {
  const parts: Part[] = [];
  const unquoted = token.replace(/^"|"$/g, '');
  let last = 0;
  for (const m of unquoted.matchAll(MARK)) {
    if (m.index > last) parts.push({ text: unquoted.slice(last, m.index) });
    const part = env[Number(m[1])];
    if (part !== undefined) parts.push(part);
    last = m.index + m[0].length;
  }
  if (last < unquoted.length) parts.push({ text: unquoted.slice(last) });
  return { parts, param: 'Statement' };
}
