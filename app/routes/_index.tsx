import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { BrandMark } from "~/components/app-shell.tsx";
import { ButtonLink } from "~/components/ui/button.tsx";
import { Page } from "~/components/ui/layout.tsx";
import { getOptionalUser, homeFor } from "~/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "Stagewise — rehab that progresses on evidence" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(homeFor(user.role));
  return null;
}

export default function Landing() {
  return (
    <Page narrow>
      <div className="stack" style={{ marginTop: "var(--space-6)" }}>
        <p className="brand">
          <BrandMark /> Stagewise
        </p>
        <h1>Rehab that moves forward when the evidence says so</h1>
        <p>
          Your physio sets a plan of stages. You log your exercises and how your body responded. Stagewise checks each
          stage's criteria and explains, in plain words, whether to progress, hold or ease back — and your physio
          confirms every step.
        </p>
        <div className="row">
          <ButtonLink to="/login">Sign in</ButtonLink>
        </div>
      </div>
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
