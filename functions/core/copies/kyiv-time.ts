// Copies state times the way a Ukrainian reader expects them: dd.MM.yyyy HH:mm in Europe/Kyiv.
const kyivFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Intl formatting is slow next to the rest of a copy, and copies reuse a handful of minutes.
const recent = new Map<number, string>();

export function formatKyivTime(date: Date): string {
  const minute = Math.floor(date.getTime() / 60_000);
  let text = recent.get(minute);
  if (text === undefined) {
    const part = Object.fromEntries(kyivFormat.formatToParts(date).map((p) => [p.type, p.value]));
    text = `${part.day}.${part.month}.${part.year} ${part.hour}:${part.minute}`;
    if (recent.size >= 64) recent.clear();
    recent.set(minute, text);
  }
  return text;
}
