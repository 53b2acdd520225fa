/** Fields that hold types, never values: walked only for `typeof x` (which does read `x`). */
export const TYPE_FIELDS = new Set([
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'implements',
]);
