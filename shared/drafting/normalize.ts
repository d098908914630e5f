// Evens out how people type before anything is read: dashes, quotes, spaces, "percent", "at the rate of".
import { MappedText } from './text';

export function normalize(text: MappedText): MappedText {
  return text
    .replace(/\r\n?/g, () => '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, () => '')
    .replace(/[\u2010-\u2015\u2212]/g, () => '-')
    .replace(/[\u2018\u2019\u02bc\u00b4`]/g, () => "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, () => '"')
    .replace(/[\u00a0\u2007\u202f\t\f\v]/g, () => ' ')
    .replace(/\u00d7/g, () => 'x')
    .replace(/(\d)\s*(?:per\s?cent|pct)\b/gi, (m) => `${m[1]}%`)
    .replace(/\b(?:square|sq\.?)\s*(?:met(?:re|er)s?|m)\b/gi, () => 'sqm')
    .replace(/\bat\s+(?:the|a)\s+(?:rate|cost|price|fee)\s+of\b|\bat\s+a\s+rate\s+of\b/gi, () => 'at')
    .replace(/ {2,}/g, () => ' ');
}
