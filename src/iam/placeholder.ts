/**
 * A value of an infrastructure-as-code template that is known only when the template is deployed
 * (`!Ref AWS::AccountId`, `!GetAtt Queue.Arn`, a parameter without a default, `!ImportValue …`), kept in the
 * policy text as `{{Name}}`: letters, digits, `.`, `_` and `-` between double braces.
 *
 * The form is chosen so that nothing else reads it: it has no `$` (so it is never a policy variable
 * `${…}`), no `*` or `?` (so IAM wildcard matching takes it literally), and no `:` (so an ARN holding
 * it still splits into its six parts, `arn:aws:iam::{{AWS.AccountId}}:root`). The same template value is
 * always the same placeholder, so it matches itself and nothing else, like the one name it stands for.
 */
const PLACEHOLDER = /\{\{[A-Za-z0-9._-]+\}\}/;
const PLACEHOLDERS = /\{\{[A-Za-z0-9._-]+\}\}/g;

/** The placeholder for a template value, from a readable name (`AWS::AccountId` → `{{AWS.AccountId}}`). */
export function placeholder(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '.').replace(/^\.+|\.+$/g, '');
  return `{{${clean || 'value'}}}`;
}

/** True when `text` holds a template value not known before deployment. */
export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** True when a placeholder starts at `index` of `text`. */
export function placeholderAt(text: string, index: number): boolean {
  const at = /\{\{[A-Za-z0-9._-]+\}\}/y;
  at.lastIndex = index;
  return at.test(text);
}

/** `text` with every placeholder replaced by `by` (`*` to let an unknown value stand for any value). */
export function replacePlaceholders(text: string, by: string): string {
  return text.replace(PLACEHOLDERS, by);
}
