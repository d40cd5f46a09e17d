// What the clinician is told after an invite email was attempted (adding a patient, or "Resend invite"). The link
// itself is always shown beside this, so a failed or unsent email never leaves the patient without a way in.

/** Whether the invite email left: by SMTP, into the outbox folder (no SMTP set up), or not at all. */
export type InviteEmailOutcome = { sent: true; delivery: "smtp" | "outbox" } | { sent: false };
export type InviteEmailNotice = { tone: "success" | "info" | "warning"; text: string };

export function inviteEmailNotice(outcome: InviteEmailOutcome, email: string): InviteEmailNotice {
  if (!outcome.sent) {
    return {
      tone: "warning",
      text:
        `The invite email to ${email} could not be sent. Copy the link below and send it yourself, ` +
        "or resend the invite later from the patient's page.",
    };
  }
  if (outcome.delivery === "outbox") {
    return {
      tone: "info",
      text:
        "No mail server is set up, so the invite email was saved in the server's outbox instead of being sent. " +
        `Copy the link below and send it to ${email} yourself.`,
    };
  }
  return { tone: "success", text: `Invite emailed to ${email}.` };
}
