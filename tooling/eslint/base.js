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
      files: ["**/env.ts", "**/instrumentation.ts", "**/*.config.ts", "**/*.config.js", "**/*.config.mjs", "scripts/**", "**/test/**", "**/*.test.ts", "e2e/**", "bench/**"],
      rules: { "no-restricted-properties": "off" },
    },
  );
}
