import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { HiddenField, TextAreaField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { EmptyState } from "~/components/ui/layout.tsx";
import { MESSAGE_MAX_LENGTH, MessageSchema } from "~/schemas/message.ts";
import type { FieldErrors } from "~/utils/forms.ts";

export type ThreadMessage = {
  id: string;
  fromPatient: boolean;
  byReader: boolean;
  authorName: string;
  body: string;
  sentAtLabel: string;
};
export type MessageActionData =
  { ok: false; fieldErrors?: FieldErrors; values?: Record<string, unknown>; formError?: string } | undefined;

/** A plan's messages, oldest first, and a box to write the next one. Used by the patient and the clinic. */
export function MessageThread({
  messages,
  reader,
  canWrite,
  closedText,
  nextMessageId,
  actionData,
  emptyText,
}: {
  messages: ThreadMessage[];
  reader: "patient" | "clinician";
  canWrite: boolean;
  closedText: string;
  nextMessageId: string;
  actionData: MessageActionData;
  emptyText: string;
}) {
  const navigation = useNavigation();
  const sending = navigation.state !== "idle" && navigation.formMethod === "POST";
  const typed = typeof actionData?.values?.body === "string" ? actionData.values.body : "";
  const form = useSchemaForm(MessageSchema, {
    defaultValues: { messageId: nextMessageId, body: typed },
    serverErrors: actionData?.fieldErrors,
  });
  // After a send the page reloads with a new id for the next message: empty the box for it.
  const { reset } = form;
  const lastId = useRef(nextMessageId);
  useEffect(() => {
    if (lastId.current !== nextMessageId) reset({ messageId: nextMessageId, body: "" });
    lastId.current = nextMessageId;
  }, [nextMessageId, reset]);

  return (
    <div className="stack">
      {messages.length === 0 ? (
        <EmptyState title="No messages yet">{emptyText}</EmptyState>
      ) : (
        <ol className="message-thread" aria-label="Messages, oldest first">
          {messages.map((m) => {
            // The reader's side (the patient, or the clinic) on the right; "You" only for the reader's own words.
            const mine = (reader === "patient") === m.fromPatient;
            return (
              <li key={m.id} className={`message ${mine ? "message--mine" : "message--theirs"}`}>
                <p className="message__meta small">
                  <strong>{m.byReader ? "You" : m.authorName}</strong> · {m.sentAtLabel}
                </p>
                <p className="message__body">{m.body}</p>
              </li>
            );
          })}
        </ol>
      )}
      {canWrite ? (
        <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
          <FormError message={actionData?.formError} />
          <HiddenField form={form} name="messageId" />
          <TextAreaField
            form={form}
            name="body"
            label="Your message"
            rows={4}
            maxLength={MESSAGE_MAX_LENGTH}
            hint={`Up to ${MESSAGE_MAX_LENGTH} characters.`}
          />
          <Button type="submit" disabled={sending}>
            {sending ? "Sending…" : "Send"}
          </Button>
        </Form>
      ) : (
        <p className="muted">{closedText}</p>
      )}
    </div>
  );
}
