/**
 * A small HTTP load balancer for `pnpm start:cluster`: round robin over the web instances, as the reverse proxy of a
 * deployment (nginx, a cloud load balancer) would do. It replaces X-Forwarded-For with the address the connection
 * came from, as an edge proxy must (the web app takes the first X-Forwarded-For hop as the client's address), and
 * names the instance that answered in `x-kefu-upstream`. The request body is read first, so an instance that refuses
 * the connection (stopped, restarting) is skipped for the next one and the client sees no failure. WebSocket
 * upgrades are not handled: the realtime server has its own address.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";

export interface Upstream {
  name: string;
  port: number;
  host?: string;
}

export function createBalancer(upstreams: Upstream[]): Server {
  if (upstreams.length === 0) throw new Error("createBalancer: no upstreams");
  let next = 0;
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: IncomingHttpHeaders = {
        ...request.headers,
        "x-forwarded-for": request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "unknown",
        "x-forwarded-host": request.headers.host ?? "",
        "x-forwarded-proto": "http",
      };
      const forwarded = { method: request.method ?? "GET", path: request.url ?? "/", headers, body: Buffer.concat(chunks) };
      forward(forwarded, response, upstreams, next++ % upstreams.length, 0);
    });
  });
}

interface ForwardedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forward(request: ForwardedRequest, response: ServerResponse, upstreams: Upstream[], start: number, tried: number) {
  const upstream = upstreams[(start + tried) % upstreams.length]!;
  const outgoing = httpRequest(
    { host: upstream.host ?? "127.0.0.1", port: upstream.port, method: request.method, path: request.path, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-kefu-upstream": upstream.name });
      answer.pipe(response);
    },
  );
  outgoing.on("error", (error: NodeJS.ErrnoException) => {
    // refused: nothing reached that instance, so the next one may take the request whatever its method
    if (error.code === "ECONNREFUSED" && tried + 1 < upstreams.length && !response.headersSent) {
      forward(request, response, upstreams, start, tried + 1);
      return;
    }
    if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    response.end(`upstream ${upstream.name}: ${error.code ?? error.message}`);
  });
  outgoing.end(request.body);
}
