import type { ReactNode } from "react";

export function Page({ children, narrow }: { children: ReactNode; narrow?: boolean }) {
  return (
    <main id="main" className={`page${narrow ? " page--narrow" : ""}`} tabIndex={-1}>
      {children}
    </main>
  );
}

export function PageHeader({ title, lede, actions }: { title: ReactNode; lede?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {lede ? <p className="page-header__lede">{lede}</p> : null}
      </div>
      {actions ? <div className="row">{actions}</div> : null}
    </div>
  );
}

export function Card({
  title,
  children,
  className,
  id,
}: {
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <section className={`card${className ? ` ${className}` : ""}`} id={id}>
      {title ? <h2 className="card__title">{title}</h2> : null}
      {children}
    </section>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children ? <div className="muted">{children}</div> : null}
      {action ? <div style={{ marginTop: "var(--space-4)" }}>{action}</div> : null}
    </div>
  );
}

type Tone = "info" | "success" | "warning" | "error";

/** Status messages: success/info are polite live regions, warnings and errors interrupt. */
export function Notice({ tone = "info", children }: { tone?: Tone; children: ReactNode }) {
  const role = tone === "error" || tone === "warning" ? "alert" : "status";
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {children}
    </div>
  );
}

export function Badge({ tone, children }: { tone?: "success" | "warning" | "danger" | "info"; children: ReactNode }) {
  return <span className={`badge${tone ? ` badge--${tone}` : ""}`}>{children}</span>;
}
