import { useState } from "react";

/** The one-time link, selectable without JavaScript and copyable with it. */
export function InviteLink({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="field">
      <label className="field__label" htmlFor="invite-url">
        One-time invite link (valid for 7 days)
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
          : "It is shown only now. You can resend the invite from the patient's page."}
      </p>
    </div>
  );
}
