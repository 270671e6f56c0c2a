/** "1 min", "10 min", "3 h", "4 d", "2 mo", "1.5 y": a scheduling interval as Anki labels it. */
export function formatInterval(seconds: number): string {
  const minutes = seconds / 60;
  if (minutes < 60) return `${Math.max(1, Math.round(minutes))} min`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)} h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)} d`;
  if (days < 365) return `${Math.round(days / 30)} mo`;
  return `${Number((days / 365).toFixed(1))} y`;
}
