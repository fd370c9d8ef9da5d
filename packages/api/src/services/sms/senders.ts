/**
 * SMS senders: 阿里云短信 (SendSms 2017-05-25), 腾讯云短信 (SendSms 2021-01-11) and the development sender, tried in
 * the order SMS_PROVIDERS lists them (docs/architecture.md "Sign-in methods"). Each attempt is kept in `SmsMessage`;
 * only the development sender keeps the text, because that table is its outbox.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@kefu/db/client";
import { apiEnv, type ApiEnv } from "../../env.ts";
import { logger } from "../../logger.ts";
import { signAcs3, signTc3 } from "./signing.ts";

export const SMS_PROVIDER_NAMES = ["aliyun", "tencent", "dev"] as const;
export type SmsProviderName = (typeof SMS_PROVIDER_NAMES)[number];

export interface SmsCodeMessage {
  /** mainland mobile, 11 digits */
  phone: string;
  code: string;
  /** how long the code is valid, for the text */
  minutes: number;
}

export interface SmsSender {
  readonly name: SmsProviderName;
  send(message: SmsCodeMessage): Promise<void>;
}

export class SmsSendError extends Error {}

const TIMEOUT_MS = 10_000;

async function postJson(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers, body, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SmsSendError(`HTTP ${response.status}: not JSON`);
  }
  if (!response.ok && typeof parsed !== "object") throw new SmsSendError(`HTTP ${response.status}`);
  return parsed;
}

export interface AliyunSmsConfig {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
}

/** 阿里云短信 SendSms (RPC style: the parameters travel in the query string, signed with ACS3-HMAC-SHA256). */
export function aliyunSender(config: AliyunSmsConfig, clock: () => Date = () => new Date()): SmsSender {
  return {
    name: "aliyun",
    async send(message) {
      const url = new URL(config.endpoint);
      const query = {
        PhoneNumbers: message.phone,
        SignName: config.signName,
        TemplateCode: config.templateCode,
        TemplateParam: JSON.stringify({ code: message.code }),
      };
      const signed = signAcs3({
        method: "POST",
        host: url.host,
        query,
        body: "",
        action: "SendSms",
        version: "2017-05-25",
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        date: clock()
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z"),
        nonce: randomBytes(16).toString("hex"),
      });
      const { host: _host, ...headers } = signed.headers;
      const answer = (await postJson(`${url.origin}/?${signed.canonicalQuery}`, headers, "")) as { Code?: string; Message?: string };
      if (answer.Code !== "OK") throw new SmsSendError(`aliyun ${answer.Code ?? "?"}: ${answer.Message ?? ""}`);
    },
  };
}

export interface TencentSmsConfig {
  endpoint: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templateId: string;
  region: string;
}

/** 腾讯云短信 SendSms, API version 2021-01-11, signed with TC3-HMAC-SHA256. */
export function tencentSender(config: TencentSmsConfig, clock: () => Date = () => new Date()): SmsSender {
  return {
    name: "tencent",
    async send(message) {
      const url = new URL(config.endpoint);
      const body = JSON.stringify({
        PhoneNumberSet: [`+86${message.phone}`],
        SmsSdkAppId: config.sdkAppId,
        SignName: config.signName,
        TemplateId: config.templateId,
        TemplateParamSet: [message.code, String(message.minutes)],
      });
      const signed = signTc3({
        host: url.host,
        service: "sms",
        action: "SendSms",
        version: "2021-01-11",
        region: config.region,
        body,
        secretId: config.secretId,
        secretKey: config.secretKey,
        timestamp: Math.floor(clock().getTime() / 1000),
      });
      const { Host: _host, ...headers } = signed.headers;
      const answer = (await postJson(`${url.origin}/`, headers, body)) as {
        Response?: { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string; Message?: string }[] };
      };
      const error = answer.Response?.Error;
      if (error) throw new SmsSendError(`tencent ${error.Code ?? "?"}: ${error.Message ?? ""}`);
      const status = answer.Response?.SendStatusSet?.[0];
      if (status?.Code !== "Ok") throw new SmsSendError(`tencent ${status?.Code ?? "no status"}: ${status?.Message ?? ""}`);
    },
  };
}

/** The text of a code message, as the development sender shows it (real providers fill their approved template). */
export function smsCodeText(message: SmsCodeMessage): string {
  return `【客服工作台】登录验证码 ${message.code}，${message.minutes} 分钟内有效。请勿告诉他人。`;
}

/** Writes the code to the log and to the outbox admins read (`SmsMessage.body`); sends nothing. */
export function devSender(): SmsSender {
  return {
    name: "dev",
    send(message) {
      logger.info({ phoneLast4: message.phone.slice(-4), code: message.code }, "development SMS sender: sign-in code");
      return Promise.resolve();
    },
  };
}

export function configuredProviders(env: ApiEnv = apiEnv()): SmsProviderName[] {
  if (env.SMS_PROVIDERS === undefined) return env.NODE_ENV === "production" ? [] : ["dev"];
  return [
    ...new Set(
      env.SMS_PROVIDERS.split(",")
        .map((p) => p.trim())
        .filter(Boolean) as SmsProviderName[],
    ),
  ];
}

export function sendersFromEnv(env: ApiEnv = apiEnv()): SmsSender[] {
  return configuredProviders(env).map((name) => {
    if (name === "aliyun")
      return aliyunSender({
        endpoint: env.ALIYUN_SMS_ENDPOINT,
        accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID!,
        accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET!,
        signName: env.ALIYUN_SMS_SIGN_NAME!,
        templateCode: env.ALIYUN_SMS_TEMPLATE_CODE!,
      });
    if (name === "tencent")
      return tencentSender({
        endpoint: env.TENCENT_SMS_ENDPOINT,
        secretId: env.TENCENT_SMS_SECRET_ID!,
        secretKey: env.TENCENT_SMS_SECRET_KEY!,
        sdkAppId: env.TENCENT_SMS_SDK_APP_ID!,
        signName: env.TENCENT_SMS_SIGN_NAME!,
        templateId: env.TENCENT_SMS_TEMPLATE_ID!,
        region: env.TENCENT_SMS_REGION,
      });
    return devSender();
  });
}

/**
 * Sends through the first sender that succeeds, recording each attempt. Returns the provider that sent it, or null
 * when every one failed (logged; the person asking sees the same answer either way).
 */
export async function sendSmsCode(db: Db, senders: readonly SmsSender[], message: SmsCodeMessage): Promise<SmsProviderName | null> {
  const phoneLast4 = message.phone.slice(-4);
  for (const sender of senders) {
    try {
      await sender.send(message);
      await db.smsMessage.create({
        data: { provider: sender.name, phoneLast4, status: "SENT", body: sender.name === "dev" ? smsCodeText(message) : null },
      });
      return sender.name;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      logger.warn({ provider: sender.name, phoneLast4, err: text }, "SMS sender failed; trying the next one");
      await db.smsMessage.create({ data: { provider: sender.name, phoneLast4, status: "FAILED", error: text.slice(0, 255) } });
    }
  }
  if (senders.length) logger.error({ phoneLast4 }, "every SMS sender failed");
  else logger.warn({ phoneLast4 }, "no SMS sender configured (SMS_PROVIDERS)");
  return null;
}

/** The development outbox: newest first. */
export function listSmsOutbox(db: Db, input: { limit: number }) {
  return db.smsMessage.findMany({
    orderBy: { id: "desc" },
    take: input.limit,
    select: { id: true, provider: true, phoneLast4: true, body: true, status: true, error: true, createdAt: true },
  });
}
