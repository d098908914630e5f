// Daraja's STK result codes in words a shop owner understands, with what to do next.

const WORDS: Record<string, string> = {
  '0': 'Paid',
  '1': 'Not paid: the customer’s M-Pesa balance is too low. Ask them to top up, or to pay part now.',
  '1001': 'Not paid: the customer’s phone is busy with another M-Pesa request. Try again in a minute.',
  '1019': 'Not paid: the request expired before the customer answered. Send it again.',
  '1025': 'Not paid: M-Pesa could not deliver the request to the phone. Check the number and send it again.',
  '1032': 'Cancelled by the customer on their phone.',
  '1037': 'Not paid: the customer’s phone could not be reached (off, or no network). Try again later.',
  '2001': 'Not paid: the customer entered a wrong M-Pesa PIN. Send it again and ask them to enter it carefully.',
  no_answer: 'No answer from M-Pesa after 20 minutes. Check the M-Pesa statement before asking again: the customer may have paid.',
  '9999': 'Not paid: M-Pesa could not process the request. Send it again.',
};

export function mpesaResultWords(code: string | number, description = ''): string {
  const key = String(code);
  return WORDS[key] ?? `Not paid: M-Pesa answered ${key}${description ? ` (${description})` : ''}.`;
}

export const MPESA_PAID = '0';
/** Codes that mean "try again later" rather than "the customer said no". */
export const MPESA_PENDING_QUERY_CODES = new Set(['500.001.1001']);
