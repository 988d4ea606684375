/** A request-document field as the Evidence section names it: `/context/aws:SourceIp` → `aws:SourceIp`, `/s3/bucketOwner` → `s3.bucketOwner`. */
export function evidenceField(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'context' && parts.length >= 2) return parts[1]!;
  if (parts[0] === 'http' && parts[1] === 'headers' && parts.length >= 3) return parts[2]!;
  return parts.join('.');
}
