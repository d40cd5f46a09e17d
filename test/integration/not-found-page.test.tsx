import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Outlet, type LoaderFunction } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import * as patientPage from "~/routes/clinic.patients.$patientId/route.tsx";
import { getDb } from "~/utils/db.server.ts";
import { notFound } from "~/utils/responses.ts";
import { createClinicWithCast } from "../support/factories.ts";
import { getRequest } from "../support/requests.ts";

/**
 * The page a 4xx renders says what was not found ("Patient not found"); a 5xx says only that something went wrong.
 * Rendered through a static data router, as the server renders a document: the loader's thrown response reaches
 * RouteErrorBoundary exactly as in the app.
 */
async function render(request: Request, loader: LoaderFunction) {
  const routes = [
    {
      id: "root",
      path: "/",
      element: createElement(Outlet),
      errorElement: createElement(RouteErrorBoundary),
      children: [
        {
          id: "page",
          path: "clinic/patients/:patientId",
          loader,
          element: createElement("p", null, "the page"),
          errorElement: createElement(RouteErrorBoundary),
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return {
    status: context.statusCode,
    html: renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false })),
  };
}

describe("the error page", () => {
  it("shows a 404's own message: a clinician opening a patient outside their clinic reads 'Patient not found'", async () => {
    const cast = await createClinicWithCast(getDb(), "Home clinic");
    const other = await createClinicWithCast(getDb(), "Other clinic");
    const url = `/clinic/patients/${other.patientA.id}`;
    const page = await render(await getRequest(url, { userId: cast.clinician.id }), (args) =>
      patientPage.loader({ ...args, context: { clientAddress: "127.0.0.1" } }),
    );
    expect(page.status).toBe(404);
    expect(page.html).toContain("<h1>Patient not found</h1>");
    expect(page.html).toContain("Error 404");
    expect(page.html).not.toContain(other.patientA.id);
    expect(page.html).not.toContain(other.patientA.email);
  });

  it("shows a 403's own message: a patient following a clinician's link reads 'This page is for clinicians.'", async () => {
    const cast = await createClinicWithCast(getDb(), "Home clinic");
    const url = `/clinic/patients/${cast.patientA.id}`;
    const page = await render(await getRequest(url, { userId: cast.patientA.id }), (args) =>
      patientPage.loader({ ...args, context: { clientAddress: "127.0.0.1" } }),
    );
    expect(page.status).toBe(403);
    expect(page.html).toContain("<h1>This page is for clinicians.</h1>");
    expect(page.html).toContain("Error 403");
  });

  it("keeps the generic words for a 404 without a message of its own (an address no route matches)", async () => {
    const page = await render(await getRequest("/no-such-page"), () => null);
    expect(page.status).toBe(404);
    expect(page.html).toContain("<h1>We couldn&#x27;t find that</h1>");
    expect(page.html).not.toContain("No route matches");
  });

  it("never shows a 5xx's details, even one carrying a message", async () => {
    const thrown = await render(await getRequest("/clinic/patients/x"), () => {
      throw new Error("connection to 10.0.0.5 refused");
    });
    expect(thrown.status).toBe(500);
    expect(thrown.html).toContain("<h1>Something went wrong on our side</h1>");
    expect(thrown.html).not.toContain("10.0.0.5");
    const answered = await render(await getRequest("/clinic/patients/x"), () => {
      throw Response.json({ message: "relation plan does not exist" }, { status: 503 });
    });
    expect(answered.status).toBe(503);
    expect(answered.html).toContain("<h1>Something went wrong on our side</h1>");
    expect(answered.html).not.toContain("relation plan");
  });

  it("notFound() is a 404 whose body carries the message", async () => {
    const response = notFound("Decision not found");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Decision not found" });
    expect(await notFound().json()).toEqual({ message: "Not found" });
  });
});
