/** The server's answer to a rejected save, above the form: how many fields need attention, and the first few. */
export function ErrorSummary({ errors }: { errors?: Record<string, string> | null }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="notice notice--error editor-error-summary" role="alert">
      {entries.length === 1 ? "One field needs" : `${entries.length} fields need`} attention before the program can be
      saved. Nothing was saved.
      <ul className="small">
        {entries.slice(0, 8).map(([path, message]) => (
          <li key={path}>
            {path.replace(/\./g, " › ")}: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
