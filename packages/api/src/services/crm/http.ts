/**
 * One signed request to the CRM: a POST with a timeout over the whole exchange, through the same SSRF guard as
 * webhooks (the address actually dialled is checked in the socket's DNS look-up; IP literals before connecting).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isInternalAddress } from "../webhook/index.ts";
import { crmHeaders } from "./signing.ts";

/** A CRM answer larger than this is refused (an error), never cut. */
export const CRM_RESPONSE_MAX_BYTES = 256 * 1024;

export interface CrmResponse {
  /** null when no answer came (refused, timed out, blocked address, too large) */
  status: number | null;
  body: string;
  error: string | null;
  durationMs: number;
}

export interface CrmRequest {
  url: string;
  secret: string;
  body: unknown;
  timeoutMs: number;
  allowPrivate: boolean;
  /** extra headers (HubSpot's bearer token) */
  headers?: Record<string, string>;
  now?: Date;
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

export function postToCrm(request: CrmRequest): Promise<CrmResponse> {
  const started = performance.now();
  const body = JSON.stringify(request.body);
  const target = new URL(request.url);
  const client = target.protocol === "https:" ? https : http;
  const literal = target.hostname.replace(/^\[|\]$/g, "");
  if (!request.allowPrivate && isIP(literal) && isInternalAddress(literal))
    return Promise.resolve({ status: null, body: "", error: `${literal} is an internal address`, durationMs: 0 });
  const timestamp = Math.floor((request.now ?? new Date()).getTime() / 1000);
  const headers = { ...crmHeaders(request.secret, timestamp, body), ...request.headers, "content-length": String(Buffer.byteLength(body)) };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<CrmResponse, "durationMs">) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: Math.round(performance.now() - started) });
    };
    const outgoing = client.request(
      target,
      { method: "POST", headers, lookup: guardedLookup(request.allowPrivate), timeout: request.timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > CRM_RESPONSE_MAX_BYTES) {
            finish({ status: null, body: "", error: `answer larger than ${CRM_RESPONSE_MAX_BYTES} bytes` });
            outgoing.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => finish({ status: response.statusCode ?? null, body: Buffer.concat(chunks).toString("utf8"), error: null }));
        response.on("error", (error) => finish({ status: response.statusCode ?? null, body: "", error: error.message }));
      },
    );
    const timedOut = () => outgoing.destroy(new Error(`timed out after ${request.timeoutMs} ms`));
    const timer = setTimeout(timedOut, request.timeoutMs);
    outgoing.on("timeout", timedOut);
    outgoing.on("error", (error) => finish({ status: null, body: "", error: error.message }));
    outgoing.on("close", () => clearTimeout(timer));
    outgoing.end(body);
  });
}
