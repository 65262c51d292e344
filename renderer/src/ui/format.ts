const pad = (n: number) => String(n).padStart(2, '0');

/** 2025-11-22 09:41: unambiguous and the way clerks write dates in forms. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
