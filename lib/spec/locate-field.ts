import { isNode, LineCounter, parseDocument } from 'yaml';

/**
 * The 1-based line and column of a field of a blueprint's text (`['database', 'engineVersion']`), or of
 * its nearest written ancestor when the field itself is a default that the file leaves out.
 */
export function locateField(text: string, path: readonly (string | number)[]): { readonly line: number; readonly column: number } {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  for (let depth = path.length; depth > 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const position = lines.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return { line: 1, column: 1 };
}

/** Fields a blueprint may still write but that no longer do anything, with why and what to do. */
export const DEPRECATED_FIELDS: readonly { readonly path: readonly string[]; readonly message: string; readonly fix: string }[] = [
  {
    path: ['terraform', 'backend', 's3', 'dynamodbTable'],
    message: 'is deprecated and ignored: the S3 backend now locks with a lock file in the bucket (`use_lockfile`), as Terraform 1.10+ recommends; `dynamodb_table` is deprecated (https://developer.hashicorp.com/terraform/language/backend/s3#state-locking)',
    fix: 'remove `dynamodbTable`; after the first apply with the lock file the DynamoDB table can be deleted',
  },
];

/** The deprecated fields a blueprint's text writes, located. */
export function deprecatedFields(text: string): { readonly path: readonly string[]; readonly line: number; readonly column: number; readonly message: string; readonly fix: string }[] {
  const document = parseDocument(text);
  return DEPRECATED_FIELDS.filter((field) => document.hasIn(field.path)).map((field) => ({ ...field, ...locateField(text, field.path) }));
}
