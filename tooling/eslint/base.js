import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Shared rules: type-checked TypeScript, type-only imports, and `process.env`
 * read only inside `env.ts` files (where it is validated once with zod).
 */
export function baseConfig(tsconfigRootDir) {
  return tseslint.config(
    { ignores: ["**/generated/**", "**/.next/**", "**/node_modules/**", "**/dist/**", "**/public/sw.js", "**/next-env.d.ts", "**/scripts/*.mjs"] },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["*.js", "*.mjs"] }, tsconfigRootDir } },
      rules: {
        "@typescript-eslint/consistent-type-imports": ["error", { prefer: "type-imports", fixStyle: "inline-type-imports" }],
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
        "@typescript-eslint/only-throw-error": "off",
        "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration from the package's validated env.ts." }],
      },
    },
    {
      files: [
        "**/env.ts",
        "**/instrumentation.ts",
        "**/*.config.ts",
        "**/*.config.js",
        "**/*.config.mjs",
        "scripts/**",
        "**/test/**",
        "**/*.test.ts",
        "e2e/**",
        "bench/**",
      ],
      rules: { "no-restricted-properties": "off" },
    },
  );
}

const contractsOnly = "contracts/ are shared with the browser: import only zod and other contracts files (types only from @kefu/db).";

/**
 * Import boundaries inside packages/api (paths relative to the package):
 * - services never import routers (a router parses input and calls a service, never the other way round);
 * - contracts/ is read by the browser too, so it imports only zod, other contracts files and @kefu/db types.
 */
const noRouters = { regex: "(^|/)routers(/|$)", message: "Services take their input types and schemas from contracts/, never from routers/." };
/** `../<domain>/<file>.ts` from inside services/: another domain, reached past its public face */
const otherDomainsThroughIndex = {
  regex: "^\\.\\./[a-z-]+/(?!index\\.ts$)[^/]+$",
  message: "Another domain is reached through its index.ts, which says what it offers; its other files are its own.",
};

export const apiImportBoundaries = [
  {
    files: ["src/services/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noRouters, otherDomainsThroughIndex] }],
    },
  },
  {
    // tests may use another domain's fixtures (test-fixtures.ts, test-stories.ts)
    files: ["src/services/**/*.test.ts", "src/services/**/test-*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noRouters] }],
    },
  },
  {
    files: ["src/contracts/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(?!zod$|\\./[^/]+$|@kefu/db$)", message: contractsOnly },
            { regex: "^@kefu/db$", allowTypeImports: true, message: contractsOnly },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "Buffer", message: contractsOnly }, { name: "process", message: contractsOnly }],
    },
  },
];

const serverOnly = "Server code: reach it from src/server/** or a route handler under src/app/api/**, not from pages and components.";

/**
 * Import boundaries inside apps/web (paths relative to the app): pages and components never import the database
 * client or the API's server code. Server-only modules live in src/server/**, route handlers in src/app/api/**.
 */
export const webImportBoundaries = [
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/server/**", "src/app/api/**", "src/instrumentation.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@kefu/db/client", message: serverOnly },
            { name: "@kefu/api", allowTypeImports: true, message: serverOnly },
            { name: "@kefu/api/worker", message: serverOnly },
            { name: "@kefu/api/jobs", message: serverOnly },
            { name: "@kefu/api/startup", message: serverOnly },
            { name: "@kefu/api/alerts-live", message: serverOnly },
          ],
          patterns: [{ regex: "^@kefu/api/src/", message: serverOnly }],
        },
      ],
    },
  },
];
