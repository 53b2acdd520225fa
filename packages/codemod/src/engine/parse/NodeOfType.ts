import type { Node } from 'oxc-parser';

/** Every `type` an oxc node can have. */
export type NodeType = Node['type'];

/**
 * The typed oxc nodes whose `type` can be `T`: `'Identifier'` gives the four identifier kinds,
 * `'FunctionDeclaration'` gives `Function` (whose `type` is a union, which `Extract` would miss).
 */
export type NodeOfType<T extends NodeType> = Node extends infer N
  ? N extends { type: infer U }
    ? T extends U
      ? N
      : never
    : never
  : never;
