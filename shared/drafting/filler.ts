// Words around the items that are not items: "Please invoice Acme Ltd for ...", "thanks", and how
// to pay ("M-Pesa till 123456"). Courtesies are dropped; names and payment instructions are handed
// back as unparsed, since the draft has no place for them and the person may want them.
import { eachMatch, type ClauseResult, type Span } from './clause';
import { blank } from './text';

const COURTESY = /\b(?:please|pls|plz|kindly|thanks|thank\s+you|thx|asap|urgent(?:ly)?|regards|cheers)\b[.!,]?/gi;

/** "Create an invoice for", "Invoice:", "Bill to". */
const COMMAND = /^\s*(?:(?:please|pls|kindly)\s+)?(?:(?:create|make|raise|prepare|send|draft|generate|issue|do|new)\s+)?(?:an?\s+|the\s+|new\s+)?(?:invoice|bill|quote|quotation)(?:\s+(?:for|to)\b|\s*[:-])\s*/i;
/** "Invoice Acme Ltd for ...", "Bill Mama Njeri for ...": capitalised words between the verb and "for". */
const COMMAND_WITH_NAME = /^\s*(?:[Pp]lease\s+|[Kk]indly\s+)?(?:[Ii]nvoice|[Bb]ill|[Cc]harge)\s+(?:to\s+)?((?:[A-Z][\w&.'-]*\s+){1,4})for\s+/;
const CHARGE = /^\s*(?:[Pp]lease\s+)?(?:[Cc]harge|[Bb]ill)\s+(?:(?:them|him|her|the\s+client|client|the\s+customer|customer)\s+)?(?:for\s+)?(?!of\b)/;

const PAYMENT_INSTRUCTIONS: RegExp[] = [
  /(?:\b(?:to\s+be\s+paid|paid|pay(?:ment)?|send|payable)\s+)?(?:\b(?:via|by|through|thru|on|to|using)\s+)?(?:\b(?:lipa\s+na\s+)?m-?pesa\s+)?\b(?:till|pay\s*bill|buy\s+goods)(?:\s+(?:no\.?|number|#))?\s*:?\s*\d{5,7}(?:\s*,?\s*(?:acc(?:ount)?|a\/c)\.?(?:\s+(?:no\.?|number|#))?\s*:?\s*[\w-]+)?/gi,
  /\b(?:to\s+be\s+paid|paid|pay(?:ment)?)\s+(?:via|by|through|thru|using|on|in)\s+(?:m-?pesa|cash|cheque|check|bank(?:\s+transfer)?|eft|rtgs|card|airtel\s+money)\b/gi,
  /\b(?:via|through|thru)\s+(?:m-?pesa|cheque|bank\s+transfer|eft|rtgs|airtel\s+money)\b/gi,
];

export function readFiller(working: string): ClauseResult<null> {
  let text = working;
  const used: Span[] = [];
  const unread: Span[] = [];
  const take = (start: number, end: number, keep: boolean) => {
    (keep ? unread : used).push({ start, end });
    text = blank(text, start, end);
  };
  const named = COMMAND_WITH_NAME.exec(text);
  if (named) {
    const nameStart = named.index + named[0].indexOf(named[1]!);
    take(named.index, nameStart, false);
    take(nameStart, nameStart + named[1]!.trimEnd().length, true);
    take(nameStart + named[1]!.trimEnd().length, named.index + named[0].length, false);
  } else {
    const command = COMMAND.exec(text) ?? CHARGE.exec(text);
    if (command && command[0].trim()) take(command.index, command.index + command[0].length, false);
  }
  for (const pattern of PAYMENT_INSTRUCTIONS) eachMatch(pattern, text, (m) => take(m.index, m.index + m[0].length, true));
  eachMatch(COURTESY, text, (m) => take(m.index, m.index + m[0].length, false));
  return { value: null, used, unread, warnings: [] };
}
