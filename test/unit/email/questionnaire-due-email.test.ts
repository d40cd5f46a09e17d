import { describe, expect, it } from "vitest";
import { questionnaireDueEmail } from "~/utils/email-templates.server.ts";

const links = {
  questionnairesUrl: "https://stagewise.example/me/questionnaires",
  settingsUrl: "https://stagewise.example/me/account#reminders",
  unsubscribeUrl: "https://stagewise.example/unsubscribe/u1.sig",
};

describe("the questionnaire-due email", () => {
  it("asks for one questionnaire by its length only, never by its name, with the opt-out links", () => {
    const mail = questionnaireDueEmail({
      clinicName: "Harbour & Co",
      patientName: "Ana <b>",
      count: 1,
      minutes: 3,
      ...links,
    });
    expect(mail.subject).toBe("A short questionnaire is waiting for you");
    expect(mail.text).toContain("a short questionnaire now (about 3 minutes)");
    for (const part of [mail.subject, mail.text, mail.html])
      expect(part).not.toMatch(/visa|lefs|psfs|tendon|achilles/i);
    for (const url of Object.values(links)) expect(mail.text).toContain(url);
    expect(mail.html).toContain("Ana &lt;b&gt;");
    expect(mail.html).toContain("Harbour &amp; Co");
  });

  it("counts several due at once in one email, with their minutes added up", () => {
    const mail = questionnaireDueEmail({ clinicName: "Harbour", patientName: "Ana", count: 2, minutes: 7, ...links });
    expect(mail.subject).toBe("Short questionnaires are waiting for you");
    expect(mail.text).toContain("2 short questionnaires now (about 7 minutes in all)");
  });
});
