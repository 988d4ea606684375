/** An ARN split into its six parts. The resource part may itself hold colons and slashes. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Parses `arn:partition:service:region:account:resource`; null when the text is not an ARN. */
export function parseArn(text: string): Arn | null {
  const parts = splitPlain(text);
  if (parts.length !== 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return null;
  return { partition: parts[1], service: parts[2], region: parts[3]!, account: parts[4]!, resource: parts[5]! };
}

function splitPlain(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length && parts.length < 5; i++) {
    if (text.charCodeAt(i) === 58) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
