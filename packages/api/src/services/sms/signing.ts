/**
 * Request signing of the SMS providers' APIs, written against their published specifications and tested against
 * their published worked examples (signing.test.ts):
 * - 阿里云 OpenAPI V3, ACS3-HMAC-SHA256 ("V3版本请求体&签名机制");
 * - 腾讯云 API 3.0, TC3-HMAC-SHA256 ("签名方法 v3").
 */
import { createHash, createHmac } from "node:crypto";

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 percent-encoding as Aliyun wants it: space → %20, `*` → %2A, `~` kept. */
export function acsPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface AcsSignInput {
  method: "GET" | "POST";
  host: string;
  /** path of the resource; `/` for RPC-style APIs such as SendSms */
  path?: string;
  query: Record<string, string>;
  body: string;
  action: string;
  version: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** ISO 8601 UTC without milliseconds, e.g. 2023-10-26T10:22:32Z */
  date: string;
  nonce: string;
}

export interface AcsSigned {
  canonicalQuery: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** every header to send, Authorization included */
  headers: Record<string, string>;
}

export function signAcs3(input: AcsSignInput): AcsSigned {
  const payloadHash = sha256Hex(input.body);
  const signed: Record<string, string> = {
    host: input.host,
    "x-acs-action": input.action,
    "x-acs-content-sha256": payloadHash,
    "x-acs-date": input.date,
    "x-acs-signature-nonce": input.nonce,
    "x-acs-version": input.version,
  };
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((name) => `${name}:${signed[name]!.trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalQuery = Object.keys(input.query)
    .sort()
    .map((key) => `${acsPercentEncode(key)}=${acsPercentEncode(input.query[key]!)}`)
    .join("&");
  const canonicalRequest = [input.method, input.path ?? "/", canonicalQuery, canonicalHeaders, signedHeaders, payloadHash].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac("sha256", input.accessKeySecret).update(stringToSign).digest("hex");
  const authorization = `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { canonicalQuery, canonicalRequest, stringToSign, signature, headers: { ...signed, authorization } };
}

export interface Tc3SignInput {
  host: string;
  service: string;
  action: string;
  version: string;
  region?: string;
  body: string;
  secretId: string;
  secretKey: string;
  /** Unix seconds */
  timestamp: number;
  /** the example in the documentation signs `content-type;host`; requests we send also sign `x-tc-action` */
  signAction?: boolean;
}

export interface Tc3Signed {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
  headers: Record<string, string>;
}

const TC3_CONTENT_TYPE = "application/json; charset=utf-8";

export function signTc3(input: Tc3SignInput): Tc3Signed {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const signedPairs: [string, string][] = [
    ["content-type", TC3_CONTENT_TYPE],
    ["host", input.host],
  ];
  if (input.signAction !== false) signedPairs.push(["x-tc-action", input.action.toLowerCase()]);
  const canonicalHeaders = signedPairs.map(([name, value]) => `${name}:${value}\n`).join("");
  const signedHeaders = signedPairs.map(([name]) => name).join(";");
  const canonicalRequest = ["POST", "/", "", canonicalHeaders, signedHeaders, sha256Hex(input.body)].join("\n");
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(input.timestamp), scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  const authorization = `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return {
    canonicalRequest,
    stringToSign,
    signature,
    authorization,
    headers: {
      Authorization: authorization,
      "Content-Type": TC3_CONTENT_TYPE,
      Host: input.host,
      "X-TC-Action": input.action,
      "X-TC-Timestamp": String(input.timestamp),
      "X-TC-Version": input.version,
      ...(input.region ? { "X-TC-Region": input.region } : {}),
    },
  };
}
