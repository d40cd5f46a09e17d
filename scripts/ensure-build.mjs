// `npm start` right after `npm install` on a fresh clone: build once if there is no build yet.
import { existsSync } from "node:fs";
import { execSync } from "node:child_process";

if (!existsSync("build/index.js") || !existsSync("public/build")) {
  console.log("No build found: building the app once (takes a few seconds)…");
  execSync("npx remix build", { stdio: "inherit" });
}
