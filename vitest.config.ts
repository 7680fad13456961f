import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // the binary speaks the locale's language: pin a neutral one, so a developer's en_US shell runs the same tests
    env: { LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", CAPEXIT_LANG: "" },
  },
});
