import { instrumentRoute } from "@kefu/api";
import NextAuth from "next-auth";
import { authOptions } from "~/server/auth";

const handler = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

const instrumented = instrumentRoute("/api/auth/[...nextauth]", handler);

export { instrumented as GET, instrumented as POST };
