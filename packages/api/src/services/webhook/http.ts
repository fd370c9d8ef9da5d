/**
 * One HTTP POST of a delivery, with its timeout and the SSRF guard applied to the address actually dialled.
 * Plain node:http(s) rather than fetch: it lets the connection's DNS answer be checked before connecting.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { WEBHOOK_RESPONSE_EXCERPT_MAX } from "../../contracts/webhook.ts";
import { isInternalAddress } from "./url-guard.ts";

export interface PostResult {
  /** null when no answer came (refused, timed out, blocked address) */
  status: number | null;
  body: string;
  error: string | null;
  retryAfterSeconds: number | null;
  durationMs: number;
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list: LookupAddress[] = addresses;
      const allowed = allowPrivate ? list : list.filter((entry) => !isInternalAddress(entry.address));
      if (allowed.length === 0) return callback(Object.assign(new Error(`${hostname} resolves to an internal address`), { code: "EADDRBLOCKED" }), "", 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

function parseRetryAfter(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  const started = performance.now();
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  // an IP literal never goes through the lookup: checked here
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (!options.allowPrivate && isIP(literal) && isInternalAddress(literal))
    return Promise.resolve({ status: null, body: "", error: `${literal} is an internal address`, retryAfterSeconds: null, durationMs: 0 });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < WEBHOOK_RESPONSE_EXCERPT_MAX * 4) chunks.push(chunk);
          size += chunk.length;
        });
        response.on("end", () =>
          finish({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).toString("utf8").slice(0, WEBHOOK_RESPONSE_EXCERPT_MAX),
            error: null,
            retryAfterSeconds: parseRetryAfter(response.headers["retry-after"]),
          }),
        );
        response.on("error", (error) => finish({ status: response.statusCode ?? null, body: "", error: error.message, retryAfterSeconds: null }));
      },
    );
    // the whole attempt, not only idle time, is bounded
    const timer = setTimeout(() => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    request.on("timeout", () => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
    request.on("error", (error) => finish({ status: null, body: "", error: error.message, retryAfterSeconds: null }));
    request.on("close", () => clearTimeout(timer));
    request.end(body);
  });
}
