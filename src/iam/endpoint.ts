/** AWS's own endpoints: `*.amazonaws.com`, `*.amazonaws.com.cn`, `*.aws`. */
const AWS_HOST = /(^|\.)amazonaws\.com(\.cn)?$|(^|\.)aws$/i;

/** The host of an endpoint given as a URL or a bare host name; undefined when it is neither. */
function endpointHost(endpoint: string): string | undefined {
  try {
    return new URL(/^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return undefined;
  }
}

/** The host of an endpoint that is not AWS's (an S3-compatible store such as kr.object.ncloudstorage.com); undefined for AWS's. */
export function nonAwsHost(endpoint: string | undefined): string | undefined {
  const host = endpoint !== undefined ? endpointHost(endpoint) : undefined;
  return host !== undefined && !AWS_HOST.test(host) ? host : undefined;
}
