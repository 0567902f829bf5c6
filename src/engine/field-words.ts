/**
 * Names as words: how type names and field names are matched against the
 * words of the policy (`rules/financial.ts`, `sources` in the config).
 */

/** `AccountRead` -> [account, read]; `bank_accounts` -> [bank, accounts]; `$TransactionPayload` -> [transaction, payload]; `last4` -> [last4]. */
export function words(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** `balances` -> `balance`, `addresses` -> `address`: plural and singular alike. */
const singular = (word: string): string => (word.length > 3 && /(ss|sh|ch|x)es$/.test(word) ? word.slice(0, -2) : word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);

/** A `/source/flags` entry, or undefined for a plain word. */
export function regexOf(entry: string): RegExp | undefined {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(entry);
  return regex ? new RegExp(regex[1]!, regex[2]) : undefined;
}

export interface NamePattern {
  test(name: string): boolean;
  /** For explanations: "name matches `Account`". */
  describe: string;
  entry: string;
}

/** `Name` or `/regex/flags` entries of `sources.types`: the whole name. */
export function compileTypePatterns(entries: readonly string[]): NamePattern[] {
  return entries.map((entry) => {
    const regex = regexOf(entry);
    if (regex) return { test: (name) => regex.test(name), describe: `matches ${entry}`, entry };
    return { test: (name) => name === entry, describe: `is \`${entry}\``, entry };
  });
}

/** A name word: `Account` matches the words `account`, `accounts`, and (for long words) compounds like `bankaccounts`. */
export function compileNameWord(entry: string): NamePattern {
  const regex = regexOf(entry);
  if (regex) return { test: (name) => regex.test(name), describe: `matches ${entry}`, entry };
  const word = entry.toLowerCase();
  const matches = (w: string): boolean => w === word || singular(w) === word || (word.length >= 6 && w.includes(word));
  return { test: (name) => words(name).some(matches), describe: `name matches \`${entry}\``, entry };
}

/**
 * A field word (one or more words, `accountNumber`), matched as the *head*
 * of a field name: the last words of the name, or followed only by modifier
 * words that do not change what the field holds (`amount_cents`,
 * `balanceFormatted`, `merchantName`). So `current_balance`, `debtorIban` and
 * `bank_account_numbers` match, while `ibanCountry`, `lowBalanceThreshold` and
 * `cardNumberMasked` do not. A `/regex/` entry is tested on the whole name.
 */
export interface FieldWordMatcher {
  /** The entry that matches the field name, if any. */
  match(field: string): string | undefined;
}

export function compileFieldWords(entries: readonly string[], modifierWords: Iterable<string>): FieldWordMatcher {
  const modifiers = new Set([...modifierWords].map((m) => singular(m.toLowerCase())));
  const regexes: { entry: string; regex: RegExp }[] = [];
  const sequences: { entry: string; seq: string[] }[] = [];
  for (const entry of entries) {
    const regex = regexOf(entry);
    if (regex) regexes.push({ entry, regex });
    else sequences.push({ entry, seq: words(entry).map(singular) });
  }
  return {
    match(field) {
      for (const { entry, regex } of regexes) if (regex.test(field)) return entry;
      if (sequences.length === 0) return undefined;
      const fieldWords = words(field).map(singular);
      let end = fieldWords.length;
      while (end > 0 && modifiers.has(fieldWords[end - 1]!)) end--;
      for (const { entry, seq } of sequences) {
        // The head, possibly followed by modifiers: try every end between the head and the last word.
        for (let last = fieldWords.length; last >= Math.max(seq.length, end); last--) {
          const start = last - seq.length;
          if (seq.every((w, j) => fieldWords[start + j] === w) && fieldWords.slice(last).every((w) => modifiers.has(w))) return entry;
        }
      }
      return undefined;
    },
  };
}

/** Words anywhere in a name (`currency_code`, `bookedAt`): for the fields around a money field. */
export function containsWord(name: string, wanted: ReadonlySet<string>): boolean {
  return words(name).some((w) => wanted.has(singular(w)));
}

/** `current_balance`, `currentBalance`, `CurrentBalance` -> `currentbalance`. */
export const normalizeField = (field: string): string => field.replace(/[_\-\s]/g, '').toLowerCase();
