/**
 * Links that download a patient's whole record: a spreadsheet for people, FHIR R4 for other health systems.
 * Plain links (not Remix <Link>): the response is a file, not a page.
 */
export function RecordDownloads({ basePath, compact = false }: { basePath: string; compact?: boolean }) {
  const links = (
    <>
      <a className="button button--secondary" href={`${basePath}/csv`} download>
        Download record (CSV)
      </a>
      <a className="button button--ghost" href={`${basePath}/fhir`} download>
        FHIR R4
      </a>
    </>
  );
  if (compact) return links;
  return (
    <div className="stack">
      <p className="small">
        Everything recorded about your rehab: daily logs, tests, questionnaires and your physio&apos;s decisions. The
        spreadsheet opens in Excel or Numbers; the FHIR file is for another clinic&apos;s health record system.
      </p>
      <div className="row">{links}</div>
    </div>
  );
}
