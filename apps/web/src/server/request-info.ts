import "server-only";

/** The client's address as the proxy in front of us reports it (first X-Forwarded-For hop). */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip") || null;
}

export function userAgentOf(headers: Headers | Record<string, string | string[] | undefined>): string | null {
  if (headers instanceof Headers) return headers.get("user-agent");
  const value = headers["user-agent"];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Mutations must come from our own pages: one implementation, shared with the REST endpoints. */
export { isSameOrigin } from "@kefu/api";
