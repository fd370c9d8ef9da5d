/**
 * Server-side request forgery guard: in production an endpoint may not resolve to a loopback, private, link-local
 * or otherwise internal address, checked when it is saved and again on every connection (the address actually
 * dialled, so a DNS answer that changes later cannot slip through). `WEBHOOK_ALLOW_PRIVATE_URLS=true` lifts it
 * for on-premises installations whose receivers live on the internal network; development and tests allow them.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { apiEnv } from "../../env.ts";
import { AppError } from "../../errors.ts";

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** Whether an address is internal (loopback, private, link-local, carrier NAT, multicast, unspecified). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  return blocked.check(address, "ipv6");
}

/** Internal addresses are allowed unless in production, where WEBHOOK_ALLOW_PRIVATE_URLS=true allows them. */
export function privateWebhookUrlsAllowed(): boolean {
  const env = apiEnv();
  return env.WEBHOOK_ALLOW_PRIVATE_URLS ?? env.NODE_ENV !== "production";
}

/** Refuses (AppError on `url`) a URL whose host resolves to an internal address, unless those are allowed. */
export async function assertWebhookUrlAllowed(url: string, options: { allowPrivate?: boolean } = {}): Promise<void> {
  if (options.allowPrivate ?? privateWebhookUrlsAllowed()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    throw new AppError("WEBHOOK_URL_UNRESOLVABLE", { field: "url" });
  }
  if (addresses.length === 0) throw new AppError("WEBHOOK_URL_UNRESOLVABLE", { field: "url" });
  if (addresses.some(isInternalAddress)) throw new AppError("WEBHOOK_URL_PRIVATE", { field: "url" });
}
