import { z } from "zod";
import { PUSH_ENDPOINT_MAX, PUSH_KEY_MAX } from "./limits.ts";

const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The bytes of a base64url string (padding allowed, trailing bits that make no whole byte ignored), or null. */
function base64urlBytes(value: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return null;
  const digits = value.replace(/=+$/, "");
  const bytes = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const digit of digits) {
    buffer = ((buffer << 6) | BASE64URL_ALPHABET.indexOf(digit)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * A push service URL. The server posts to it, so only public https hosts are accepted (never loopback, private or
 * other IP-literal addresses).
 */
export const pushEndpointSchema = z
  .string()
  .trim()
  .min(1)
  .max(PUSH_ENDPOINT_MAX)
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
      .max(PUSH_KEY_MAX)
      .refine((value) => {
        const bytes = base64urlBytes(value);
        return bytes?.length === 65 && bytes[0] === 0x04;
      }, "must be an uncompressed P-256 public key in base64url"),
    /** the 16-byte authentication secret */
    auth: z
      .string()
      .max(PUSH_KEY_MAX)
      .refine((value) => base64urlBytes(value)?.length === 16, "must be 16 bytes in base64url"),
  }),
});

export const pushEndpointInput = z.object({ endpoint: pushEndpointSchema });
