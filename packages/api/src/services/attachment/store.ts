/**
 * Where attachment bytes live: a directory on local disk (the default) or an S3-compatible bucket, chosen by
 * `ATTACHMENTS_STORAGE`. Both keep an object under a key the service makes (`2026/12/<uuid>.png`); nothing
 * but the attachment routes ever hands the bytes out, after checking who asks.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { AwsClient } from "aws4fetch";
import { apiEnv } from "../../env.ts";

export interface AttachmentStore {
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** the object's bytes, or null when there is none under the key */
  get(key: string): Promise<Uint8Array | null>;
  /** removes the object; a missing one is not an error */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9/-]{0,150}(\.[a-z0-9]{1,5})?$/;

function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.includes("..") || key.includes("//")) throw new Error(`attachment store: bad key ${JSON.stringify(key)}`);
}

/** A new key for an object: dated folders keep directories small, the uuid keeps keys unguessable and unique. */
export function newStorageKey(extension: string, at = new Date(), suffix = ""): string {
  const month = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  return `${month}/${randomUUID()}${suffix}.${extension}`;
}

/** Files under a directory; written to a temporary name first, so a reader never sees half a file. */
export function localAttachmentStore(root: string): AttachmentStore {
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split("/"));
  };
  return {
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.part`;
      await writeFile(temporary, data);
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(fileOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}

export interface S3StoreConfig {
  /** the service's base URL, e.g. https://s3.cn-north-1.amazonaws.com.cn or http://minio:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An S3-compatible bucket (AWS S3, MinIO, OSS/COS in S3 mode), path-style URLs signed with SigV4. */
export function s3AttachmentStore(config: S3StoreConfig): AttachmentStore {
  const client = new AwsClient({ accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey, region: config.region, service: "s3" });
  const base = config.endpoint.replace(/\/+$/, "");
  const urlOf = (key: string) => {
    assertKey(key);
    return `${base}/${encodeURIComponent(config.bucket)}/${key}`;
  };
  const fail = async (response: Response, action: string) => {
    throw new Error(`attachment store: ${action} answered ${response.status} ${(await response.text()).slice(0, 200)}`);
  };
  return {
    async put(key, data, contentType) {
      const response = await client.fetch(urlOf(key), { method: "PUT", body: data as Uint8Array<ArrayBuffer>, headers: { "Content-Type": contentType } });
      if (!response.ok) await fail(response, "PUT");
    },
    async get(key) {
      const response = await client.fetch(urlOf(key), { method: "GET" });
      if (response.status === 404) return null;
      if (!response.ok) await fail(response, "GET");
      return new Uint8Array(await response.arrayBuffer());
    },
    async delete(key) {
      const response = await client.fetch(urlOf(key), { method: "DELETE" });
      if (!response.ok && response.status !== 404) await fail(response, "DELETE");
    },
  };
}

/** The workspace root (where pnpm-workspace.yaml is), so the web app, the worker and the seed share one directory. */
function workspaceRoot(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from);
  }
}

export function defaultAttachmentsDir(): string {
  return path.join(workspaceRoot(), ".data", "attachments");
}

const globalForStore = globalThis as unknown as { kefuAttachmentStore?: AttachmentStore };

/** The store the environment configures (one per process). */
export function attachmentStore(): AttachmentStore {
  if (!globalForStore.kefuAttachmentStore) {
    const env = apiEnv();
    globalForStore.kefuAttachmentStore =
      env.ATTACHMENTS_STORAGE === "s3"
        ? s3AttachmentStore({
            endpoint: env.ATTACHMENTS_S3_ENDPOINT!,
            bucket: env.ATTACHMENTS_S3_BUCKET!,
            region: env.ATTACHMENTS_S3_REGION,
            accessKeyId: env.ATTACHMENTS_S3_ACCESS_KEY_ID!,
            secretAccessKey: env.ATTACHMENTS_S3_SECRET_ACCESS_KEY!,
          })
        : localAttachmentStore(path.resolve(env.ATTACHMENTS_DIR ?? defaultAttachmentsDir()));
  }
  return globalForStore.kefuAttachmentStore;
}
