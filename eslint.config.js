// Lint rules for the whole tree (ADR 043). Layer rules live here so a wrong-way import fails `npm run lint`.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const serverOnly = {
  group: ["*.server", "*.server.ts", "*.server.tsx"],
  message: "Server modules stay on the server.",
};
const topLevelDb = {
  group: ["../db/*", "../../db/*", "../../../db/*", "../../../../db/*"],
  message: "App code never imports the top-level db/ folder (migrations, seeds, CLI).",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "public/build/",
      ".cache/",
      "data/",
      "test-results/",
      "playwright-report/",
      ".tmp/",
      "bench/out/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.tsx", "test/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  // Layers in one direction: routes → services → models and the pure engine.
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [topLevelDb] }] },
  },
  {
    files: ["app/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/*", "!~/engine/*"], message: "The engine is pure: it imports only from app/engine." },
            {
              group: ["node:*", "kysely", "@remix-run/*", "react"],
              message: "The engine is pure: no I/O, no framework.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/services/**", "app/models/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            topLevelDb,
            { group: ["~/components/*", "~/routes/*"], message: "Services and models never import UI or routes." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "kysely", message: "Routes never run queries: call a service." }],
          patterns: [
            topLevelDb,
            { group: ["~/models/*", "~/db/*"], message: "Routes never run queries: call a service." },
          ],
        },
      ],
    },
  },
  {
    // UI and the wording it shares with services: both may reach the browser bundle.
    files: ["app/components/**", "app/content/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            topLevelDb,
            serverOnly,
            {
              group: ["~/services/*", "~/models/*", "~/db/*"],
              message: "Components never reach services or the database.",
            },
          ],
        },
      ],
    },
  },
  {
    // Frozen migrations are written against Kysely<any> on purpose: they must not depend on today's row types.
    files: ["db/migrations/**", "db/migrate.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  prettier,
);
