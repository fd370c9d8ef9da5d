/**
 * Fixed-window rate limits. In-process by default; shared through Redis when REDIS_URL is set,
 * so several web instances count together (same code path, other store).
 */
import { Redis } from "ioredis";
import { apiEnv } from "../../env.ts";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  reset(key: string): Promise<void>;
}

export function createMemoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key, limit, windowSeconds) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowSeconds * 1000 };
        windows.set(key, window);
        if (windows.size > 50_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      }
      window.count++;
      return Promise.resolve({ allowed: window.count <= limit, count: window.count, retryAfterSeconds: Math.ceil((window.resetAt - now) / 1000) });
    },
    reset(key) {
      windows.delete(key);
      return Promise.resolve();
    },
  };
}

export function createRedisRateLimiter(url: string): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false, keyPrefix: "kefu:rl:" });
  return {
    async hit(key, limit, windowSeconds) {
      const results = await redis.multi().incr(key).expire(key, windowSeconds, "NX").ttl(key).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
      return { allowed: count <= limit, count, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
    },
    async reset(key) {
      await redis.del(key);
    },
  };
}

const globalForLimiter = globalThis as unknown as { kefuRateLimiter?: RateLimiter };

export function getRateLimiter(): RateLimiter {
  const url = apiEnv().REDIS_URL;
  globalForLimiter.kefuRateLimiter ??= url ? createRedisRateLimiter(url) : createMemoryRateLimiter();
  return globalForLimiter.kefuRateLimiter;
}
