import { useState } from "react";

/** The one-time link, selectable without JavaScript and copyable with it. */
export function InviteLink({ url, shownAgain = false }: { url: string; shownAgain?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label className="field__label" htmlFor="invite-url">
        {shownAgain ? "Current invite link" : "One-time invite link (valid for 7 days)"}
      </label>
      <div className="row">
        <input
          id="invite-url"
          className="input"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1 }}
        />
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(url).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </button>
      </div>
      <p className="field__hint" role="status">
        {copied
          ? "The link is on your clipboard."
          : shownAgain
            ? "The same link as in the invite email: it works once."
            : "You can copy it again from the patient's page until it is used, or resend the invite from there."}
      </p>
    </div>
  );
}
