import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "test-results/", "playwright-report/", "data/", "tests/.tmp/", "tests/.tmp-http/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Route modules in app/.server must never reach the browser; Remix enforces that, and the
      // database must only be touched from feature modules, not routes.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^#app/\\.server/db\\.ts$", message: "Routes use feature modules, not the database." },
            { regex: "^#db/connection\\.ts$", message: "Routes use feature modules, not the database." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/.server/**", "tests/**", "db/**", "scripts/**", "server/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
