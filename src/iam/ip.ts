import ipaddr from 'ipaddr.js';

/**
 * Strict IP parsing. ipaddr.js alone accepts `0010.0xa5.1.1`, two-part IPv4 and bare numbers, which AWS
 * does not; so the text is validated first, then handed to ipaddr.js for range arithmetic.
 */
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export type IpAddr = ipaddr.IPv4 | ipaddr.IPv6;

export function parseIpStrict(text: string): IpAddr | null {
  if (IPV4.test(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) {
    const v6 = ipaddr.IPv6.parse(text);
    // An IPv4-mapped IPv6 address (::ffff:203.0.113.7) is compared as the IPv4 address it carries.
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  }
  return null;
}

export interface CidrRange {
  text: string;
  addr: IpAddr;
  bits: number;
}

/** `203.0.113.0/24`, `2001:db8::/32`, or a single address (a /32 or /128). */
export function parseCidrStrict(text: string): CidrRange | null {
  const slash = text.indexOf('/');
  const ipText = slash < 0 ? text : text.slice(0, slash);
  const addr = parseIpStrict(ipText);
  if (!addr) return null;
  const max = addr.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return { text, addr, bits: max };
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > max) return null;
  return { text, addr, bits };
}

export function cidrContains(range: CidrRange, ip: IpAddr): boolean {
  if (range.addr.kind() !== ip.kind()) return false;
  return (ip as ipaddr.IPv4).match(range.addr, range.bits);
}
