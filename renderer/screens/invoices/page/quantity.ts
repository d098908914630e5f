const countFormat = new Intl.NumberFormat('en-GB');

/** Thousandths as a person writes them: 1500 -> "1.5", 2000 -> "2", 1234567 -> "1,234.567". */
export function formatQuantity(milli: number): string {
  const whole = countFormat.format(Math.trunc(milli / 1000));
  const fraction = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
