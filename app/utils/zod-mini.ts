import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

// The form schemas are written with zod/mini: the same zod 4 core as `zod`, but a functional, tree-shakable API, so
// the browser gets only the parts a form uses (docs/decisions/031-zod-mini-on-the-client.md). Full `zod` registers
// English messages on its own; zod/mini does not, so set the same locale here — the messages a schema doesn't
// spell out ("Too big: …") are then the same in the browser, in the action and in the tests.
// Import the API from this module (`import * as z from "~/utils/zod-mini.ts"`), never from "zod", in anything
// that reaches the browser.
config(en());

export * from "zod/mini";
