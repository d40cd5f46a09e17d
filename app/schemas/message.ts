import { requiredText } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

export const MESSAGE_MAX_LENGTH = 2000;

/**
 * A message in a plan's thread, from either side. `messageId` is made when the form is shown, so a form submitted
 * twice (a double tap, a retry on a weak connection) adds one message, not two.
 */
export const MessageSchema = z.object({
  messageId: z.string().check(z.regex(/^[0-9a-f-]{36}$/, "This form is out of date. Reload the page and send again.")),
  body: requiredText("your message", MESSAGE_MAX_LENGTH),
});
export type MessageForm = z.output<typeof MessageSchema>;
