import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Card, EmptyState, Page, PageHeader } from "~/components/ui/layout.tsx";
import { getCurrentPlanForPatient } from "~/models/plan.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";

export const meta: MetaFunction = () => [{ title: "Today · Stagewise" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  const plan = await getCurrentPlanForPatient(getDb(), patient.id);
  if (!plan) return { name: patient.name, plan: null };
  const program = JSON.parse(plan.program_snapshot) as { name: string; stages: Array<{ id: string; name: string; goal?: string }> };
  const stageIndex = program.stages.findIndex((s) => s.id === plan.current_stage_id);
  const stage = program.stages[stageIndex];
  return {
    name: patient.name,
    plan: {
      programName: program.name,
      goal: plan.goal_text,
      stageName: stage?.name ?? "",
      stageGoal: stage?.goal ?? "",
      stageNumber: stageIndex + 1,
      stageCount: program.stages.length,
    },
  };
}

export default function PatientToday() {
  const { name, plan } = useLoaderData<typeof loader>();
  return (
    <Page narrow>
      <PageHeader title={`Hello, ${name.split(" ")[0]}`} />
      {plan ? (
        <Card title={`Stage ${plan.stageNumber} of ${plan.stageCount}: ${plan.stageName}`}>
          {plan.goal ? <p>Your goal: {plan.goal}</p> : null}
          <p className="muted">{plan.stageGoal}</p>
        </Card>
      ) : (
        <EmptyState title="Your plan isn't set up yet">Your physio will add your exercises soon.</EmptyState>
      )}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
