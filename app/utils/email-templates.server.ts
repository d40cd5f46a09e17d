// The emails Stagewise sends, one function each: plain text and accessible HTML (a language, a real heading, link
// text that says where it goes). Subjects and bodies carry no health details: no condition, plan or stage, since
// mail is read on shared screens and previews. Every value put into HTML is escaped.

export type RenderedEmail = { subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A whole HTML document: simple, single column, readable without images or styles. */
function htmlDocument({ title, heading, paragraphs }: { title: string; heading: string; paragraphs: string[] }) {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    "</head>",
    '<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff">',
    '<main style="max-width:560px;margin:0 auto">',
    `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${escapeHtml(heading)}</h1>`,
    // overflow-wrap: a long one-time link must wrap on a phone instead of widening the message.
    ...paragraphs.map((p) => `<p style="margin:0 0 16px;overflow-wrap:anywhere">${p}</p>`),
    "</main>",
    "</body>",
    "</html>",
  ].join("\n");
}

function button(url: string, label: string): string {
  return (
    `<a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 20px;background:#1f5fbf;color:#ffffff;` +
    `border-radius:6px;text-decoration:underline;font-weight:600">${escapeHtml(label)}</a>`
  );
}

/** The invitation to set a password: sent when a clinician adds a patient, and again on "Resend invite". */
export function inviteEmail(input: {
  clinicName: string;
  patientName: string;
  clinicianName?: string;
  inviteUrl: string;
  validDays: number;
}): RenderedEmail {
  const { clinicName, patientName, clinicianName, inviteUrl, validDays } = input;
  const who = clinicianName ? `${clinicianName} at ${clinicName}` : clinicName;
  const subject = `Your Stagewise invitation from ${clinicName}`;
  const linkLabel = "Set your Stagewise password";
  const validity = `The link works once and for ${validDays} days.`;
  const notExpected = "If you were not expecting this email, you can ignore it.";

  const text = [
    `Hello ${patientName},`,
    "",
    `${who} has invited you to Stagewise, where you log your daily rehab and see your progress.`,
    "",
    `${linkLabel}: ${inviteUrl}`,
    "",
    `${validity} If it has expired, ask ${clinicName} to send a new one.`,
    "",
    notExpected,
  ].join("\n");

  const html = htmlDocument({
    title: subject,
    heading: `${clinicName} invited you to Stagewise`,
    paragraphs: [
      `Hello ${escapeHtml(patientName)},`,
      `${escapeHtml(who)} has invited you to Stagewise, where you log your daily rehab and see your progress.`,
      button(inviteUrl, linkLabel),
      `If the button does not work, copy this address into your browser: ${escapeHtml(inviteUrl)}`,
      `${escapeHtml(validity)} If it has expired, ask ${escapeHtml(clinicName)} to send a new one.`,
      escapeHtml(notExpected),
    ],
  });

  return { subject, text, html };
}

/** A one-time sign-in link, asked for on the sign-in page. */
export function signInLinkEmail(input: {
  clinicName: string;
  patientName: string;
  signInUrl: string;
  validMinutes: number;
}): RenderedEmail {
  const { clinicName, patientName, signInUrl, validMinutes } = input;
  const subject = "Your Stagewise sign-in link";
  const linkLabel = "Sign in to Stagewise";
  const validity = `The link works once and for ${validMinutes} minutes.`;
  const notAsked =
    "If you did not ask for this link, you can ignore this email: nobody can sign in without opening it.";

  const text = [
    `Hello ${patientName},`,
    "",
    `You asked to sign in to Stagewise, where you log your rehab with ${clinicName}.`,
    "",
    `${linkLabel}: ${signInUrl}`,
    "",
    `${validity} If it has expired, ask for a new one on the sign-in page.`,
    "",
    notAsked,
  ].join("\n");

  const html = htmlDocument({
    title: subject,
    heading: "Your sign-in link",
    paragraphs: [
      `Hello ${escapeHtml(patientName)},`,
      `You asked to sign in to Stagewise, where you log your rehab with ${escapeHtml(clinicName)}.`,
      button(signInUrl, linkLabel),
      `If the button does not work, copy this address into your browser: ${escapeHtml(signInUrl)}`,
      `${escapeHtml(validity)} If it has expired, ask for a new one on the sign-in page.`,
      escapeHtml(notAsked),
    ],
  });

  return { subject, text, html };
}

/** The evening nudge to a patient who has not logged today (docs/decisions/050-reminder-sweep.md). */
export function dailyLogReminderEmail(input: {
  clinicName: string;
  patientName: string;
  logUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}): RenderedEmail {
  const { clinicName, patientName, logUrl, settingsUrl, unsubscribeUrl } = input;
  const subject = "A reminder to log your day";
  const linkLabel = "Log today in Stagewise";
  const why = `Your log helps ${clinicName} follow how you are doing. It takes about a minute.`;
  const change = "You get at most one reminder a day, and only when you have not logged yet.";

  const text = [
    `Hello ${patientName},`,
    "",
    "You have not logged today yet.",
    why,
    "",
    `${linkLabel}: ${logUrl}`,
    "",
    change,
    `Change the time or turn reminders off: ${settingsUrl}`,
    `Stop these reminders with one click: ${unsubscribeUrl}`,
  ].join("\n");

  const html = htmlDocument({
    title: subject,
    heading: "Time for today's log",
    paragraphs: [
      `Hello ${escapeHtml(patientName)},`,
      `You have not logged today yet. ${escapeHtml(why)}`,
      button(logUrl, linkLabel),
      `${escapeHtml(change)} <a href="${escapeHtml(settingsUrl)}">Change the time or turn reminders off</a>, or ` +
        `<a href="${escapeHtml(unsubscribeUrl)}">stop these reminders</a>.`,
    ],
  });

  return { subject, text, html };
}

/**
 * A scheduled questionnaire has fallen due (docs/decisions/059-scheduled-questionnaires.md). It never names the
 * questionnaire: VISA-A or VISA-P would tell a reader which tendon is being treated.
 */
export function questionnaireDueEmail(input: {
  clinicName: string;
  patientName: string;
  count: number;
  minutes: number;
  questionnairesUrl: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}): RenderedEmail {
  const { clinicName, patientName, count, minutes, questionnairesUrl, settingsUrl, unsubscribeUrl } = input;
  const subject = count === 1 ? "A short questionnaire is waiting for you" : "Short questionnaires are waiting for you";
  const linkLabel = count === 1 ? "Fill it in on Stagewise" : "Fill them in on Stagewise";
  const ask =
    count === 1
      ? `Your plan with ${clinicName} asks you to fill in a short questionnaire now (about ${minutes} minutes).`
      : `Your plan with ${clinicName} asks you to fill in ${count} short questionnaires now (about ${minutes} minutes in all).`;
  const why = "Your answers show your physio how you are getting on.";
  const change = "You get one email when a questionnaire is due, at your reminder time.";

  const text = [
    `Hello ${patientName},`,
    "",
    ask,
    why,
    "",
    `${linkLabel}: ${questionnairesUrl}`,
    "",
    change,
    `Change the time or turn reminders off: ${settingsUrl}`,
    `Stop these reminders with one click: ${unsubscribeUrl}`,
  ].join("\n");

  const html = htmlDocument({
    title: subject,
    heading: count === 1 ? "A questionnaire is due" : "Questionnaires are due",
    paragraphs: [
      `Hello ${escapeHtml(patientName)},`,
      `${escapeHtml(ask)} ${escapeHtml(why)}`,
      button(questionnairesUrl, linkLabel),
      `${escapeHtml(change)} <a href="${escapeHtml(settingsUrl)}">Change the time or turn reminders off</a>, or ` +
        `<a href="${escapeHtml(unsubscribeUrl)}">stop these reminders</a>.`,
    ],
  });

  return { subject, text, html };
}

/**
 * "You have a new message": no sender's words and nothing about the rehab, only who wrote and a link to the thread
 * (sent at most once an hour per thread and side; app/services/message.server.ts).
 */
export function newMessageEmail(input: { recipientName: string; fromLabel: string; threadUrl: string }): RenderedEmail {
  const { recipientName, fromLabel, threadUrl } = input;
  const subject = "You have a new message on Stagewise";
  const linkLabel = "Read the message";
  const text = [
    `Hello ${recipientName},`,
    "",
    `${fromLabel} sent you a message on Stagewise.`,
    "",
    `${linkLabel}: ${threadUrl}`,
    "",
    "You get at most one of these emails an hour, however many messages arrive.",
  ].join("\n");
  const html = htmlDocument({
    title: subject,
    heading: "You have a new message",
    paragraphs: [
      `Hello ${escapeHtml(recipientName)},`,
      `${escapeHtml(fromLabel)} sent you a message on Stagewise.`,
      button(threadUrl, linkLabel),
      `If the button does not work, copy this address into your browser: ${escapeHtml(threadUrl)}`,
      "You get at most one of these emails an hour, however many messages arrive.",
    ],
  });
  return { subject, text, html };
}
