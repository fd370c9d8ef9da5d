import { z } from "zod";

function base64urlBytes(value: string): Buffer | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value.replace(/=+$/, ""), "base64url") : null;
}

/**
 * A push service URL. The server posts to it, so only public https hosts are accepted (never loopback, private or
 * other IP-literal addresses).
 */
export const pushEndpointSchema = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .superRefine((value, context) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: "custom", message: "must be a URL" });
      return;
    }
    // URL parsing normalises every IPv4 spelling to dotted decimal; IPv6 literals keep their colons.
    const host = url.hostname;
    const ipLiteral = /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(":");
    if (url.protocol !== "https:") context.addIssue({ code: "custom", message: "must be an https:// URL" });
    else if (url.username || url.password) context.addIssue({ code: "custom", message: "must not carry credentials" });
    else if (ipLiteral || host === "localhost" || host.endsWith(".localhost") || !host.includes(".")) {
      context.addIssue({ code: "custom", message: "must be a push service on a public host name" });
    }
  });

export const pushSubscribeInput = z.object({
  endpoint: pushEndpointSchema,
  keys: z.object({
    /** the browser's P-256 public key: 65 bytes, uncompressed point */
    p256dh: z
      .string()
      .max(255)
      .refine((value) => {
        const bytes = base64urlBytes(value);
        return bytes?.length === 65 && bytes[0] === 0x04;
      }, "must be an uncompressed P-256 public key in base64url"),
    /** the 16-byte authentication secret */
    auth: z
      .string()
      .max(255)
      .refine((value) => base64urlBytes(value)?.length === 16, "must be 16 bytes in base64url"),
  }),
});

export const pushEndpointInput = z.object({ endpoint: pushEndpointSchema });
