import type { AstNode } from '@keyless/codemod/analysis';
import type { ModuleContext } from './SdkCall.js';

/** The source of a node on one line, shortened for a report. */
export function snippet(module: ModuleContext, node: AstNode, max = 80): string {
  const text = module.text.slice(node.start, node.end).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
