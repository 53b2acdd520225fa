// A jscodeshift transform doing the same search as `keyless scan` (and, with --fix=true, the simplest
// rewrite `keyless fix` makes), written the way jscodeshift transforms usually are: parse, then find().
// It is the baseline of figure 6; it runs inside jscodeshift's workers, so it is plain CommonJS.

const KEY_ID = /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/;
const SECRET = /^[A-Za-z0-9/+=]{40}$/;
const KEY_PROPERTIES = new Set(['accessKeyId', 'secretAccessKey', 'sessionToken']);
/**
 * `--prefilter=<regex source>`: files without a match are skipped unparsed. Figure 6 passes keyless's
 * own `CODE_KEYWORDS`, so both tools parse the same files.
 */
const prefilters = new Map();
function prefilter(source) {
  if (typeof source !== 'string' || source === '') return undefined;
  let re = prefilters.get(source);
  if (re === undefined) {
    re = new RegExp(source);
    prefilters.set(source, re);
  }
  return re;
}

/** The parser jscodeshift offers for each extension (jsx inside .js is common, so babel there). */
function parserFor(path) {
  if (/\.[cm]?ts$/.test(path)) return 'ts';
  if (path.endsWith('.tsx')) return 'tsx';
  return 'babel';
}

function propertyName(node) {
  const key = node.key;
  if (!key) return undefined;
  if (key.type === 'Identifier') return key.name;
  return typeof key.value === 'string' ? key.value : undefined;
}

function isKeyShaped(value) {
  return typeof value === 'string' && (KEY_ID.test(value) || SECRET.test(value));
}

function flag(value) {
  return value === true || value === 'true';
}

module.exports = function keyTransform(file, api, options) {
  const keywords = prefilter(options.prefilter);
  if (keywords !== undefined && !keywords.test(file.source)) return undefined;
  const j = api.jscodeshift.withParser(parserFor(file.path));
  const root = j(file.source);
  let findings = 0;
  // j.Literal matches Babel's StringLiteral and ESTree's Literal alike.
  root.find(j.Literal).forEach((path) => {
    if (typeof path.node.value === 'string' && KEY_ID.test(path.node.value)) findings++;
  });
  root.find(j.TemplateElement).forEach((path) => {
    if (KEY_ID.test(path.node.value.raw)) findings++;
  });
  for (const comment of root.find(j.Comment).nodes()) {
    if (KEY_ID.test(comment.value)) findings++;
  }
  const credentialObjects = root
    .find(j.ObjectExpression)
    .filter((path) =>
      path.node.properties.some((p) => KEY_PROPERTIES.has(propertyName(p)) && isKeyShaped(p.value?.value)),
    );
  findings += credentialObjects.size();
  if (findings > 0) api.report(`findings: ${findings}`);
  if (!flag(options.fix)) return undefined;

  // Rewrite `credentials: { accessKeyId: '...', ... }` to `credentials: fromInstanceRole()`.
  let changed = false;
  credentialObjects.forEach((path) => {
    const parent = path.parent.node;
    if (
      (parent.type === 'ObjectProperty' || parent.type === 'Property') &&
      propertyName(parent) === 'credentials'
    ) {
      parent.value = j.callExpression(j.identifier('fromInstanceRole'), []);
      changed = true;
    }
  });
  if (!changed) return undefined;
  root
    .find(j.Program)
    .get('body', 0)
    .insertBefore(
      j.importDeclaration(
        [j.importSpecifier(j.identifier('fromInstanceRole'))],
        j.stringLiteral('@keyless/credentials'),
      ),
    );
  return root.toSource({ quote: 'single' });
};
