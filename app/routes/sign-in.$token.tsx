import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SIGN_IN_LINK_VALID_MINUTES } from "~/content/sign-in-link.ts";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Card, Page } from "~/components/ui/layout.tsx";
import { inspectSignInLink, signInWithLink, type SignInLinkState } from "~/services/sign-in-link.server.ts";
import { startUserSession } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Sign in · Stagewise" }];

// The page names the patient: never keep it in a cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// Opening the link only shows a button: mail scanners open links in emails, and a GET that signed in would use up
// the patient's one-time link before they ever saw it. The button's POST signs in.
export async function loader({ params }: LoaderFunctionArgs) {
  return { link: await inspectSignInLink(getDb(), params.token ?? "") };
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await signInWithLink(getDb(), params.token ?? "");
  if (!result.ok) return data({ link: { state: result.reason } as SignInLinkState }, { status: 410 });
  return startUserSession(result.userId, "/me");
}

const REFUSED: Record<Exclude<SignInLinkState["state"], "usable">, { title: string; text: string }> = {
  used: {
    title: "This link was already used",
    text: "Each sign-in link works once, and this one has been used. You have not been signed in. Ask for a new link.",
  },
  expired: {
    title: "This link has expired",
    text: `Sign-in links work for ${SIGN_IN_LINK_VALID_MINUTES} minutes, and this one is older. You have not been signed in. Ask for a new link.`,
  },
  unknown: {
    title: "This link does not work",
    text: "It may have been copied only in part. You have not been signed in. Ask for a new link.",
  },
};

export default function SignInByLinkPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const link: SignInLinkState = actionData?.link ?? loaded.link;
  if (link.state !== "usable") {
    const { title, text } = REFUSED[link.state];
    return (
      <Page narrow>
        <Card>
          <h1>{title}</h1>
          <p>{text}</p>
          <div className="stack">
            <ButtonLink to="/login/link" block>
              Email me a new link
            </ButtonLink>
            <ButtonLink to="/login" variant="secondary" block>
              Sign in with a password
            </ButtonLink>
          </div>
        </Card>
      </Page>
    );
  }
  return (
    <Page narrow>
      <Card>
        <h1>Welcome back, {link.name}</h1>
        <p>This link signs you in to Stagewise once.</p>
        <Form method="post" className="form">
          <Button type="submit" block>
            Sign in
          </Button>
        </Form>
      </Card>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
