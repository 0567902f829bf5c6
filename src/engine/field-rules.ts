import type { FieldRuleSpec, ResolvedSources } from '../policy/types.js';
import { compileFieldWords, compileNameWord, containsWord, type FieldWordMatcher, type NamePattern } from './field-words.js';

/** Category of data known to be financial where no rule says which kind (a type listed in `sources.types`, a field word without category). */
export const UNCLASSIFIED = 'unclassified';

/** One field of an object, as far as its name and type tell. */
export interface Member {
  name: string;
  /** Another name the field is known by: the column a query aliases (`who: transactions.payerName`). */
  alias?: string;
  /** Typed `Date`. */
  isDate?: boolean;
}

/** A field a rule of the policy matched. */
export interface FieldHit {
  field: string;
  category: string;
  /** The policy word that matched, e.g. `balance` for `current_balance`. */
  word: string;
  confirms?: FieldRuleSpec['confirms'];
  besideCurrency?: boolean;
  /** Matched by a rule for some type names only (`name` of a transaction). */
  onNames?: boolean;
}

export interface ShapeVerdict {
  /** Why the object is a money or account shape ("name matches `Account`", "field `iban`"); undefined: nothing shows it is. */
  evidence?: string;
  /** Its financial fields: the hits, when the shape is confirmed; none otherwise. */
  fields: FieldHit[];
  /** Fields a rule matched, confirmed or not (for explaining look-alikes). */
  hits: FieldHit[];
}

interface CompiledRule {
  category: string;
  matcher: FieldWordMatcher;
  confirms?: FieldRuleSpec['confirms'];
  on?: NamePattern[];
  besideCurrency: boolean;
}

/**
 * The field rules of the policy, compiled: which fields of an object are
 * financial, in which category, and what shows the object is a money or
 * account shape. Works on names only, so a type's properties, a schema's
 * object literal and a table's columns are judged alike.
 */
export class FieldRules {
  private readonly rules: CompiledRule[];
  private readonly nameWords: NamePattern[];
  private readonly excluded: FieldWordMatcher;
  private readonly currency: ReadonlySet<string>;
  private readonly date: ReadonlySet<string>;

  constructor(sources: ResolvedSources) {
    const modifiers = sources.modifiers;
    const droppedCategories = new Set(sources.exclude.categories);
    const droppedWords = new Set(sources.exclude.names.map((n) => n.toLowerCase()));
    const specs: FieldRuleSpec[] = [
      ...sources.fields.map((f): FieldRuleSpec => (typeof f === 'string' ? { category: UNCLASSIFIED, words: [f], confirms: 'alone' } : f)),
      ...sources.evidence.map((word): FieldRuleSpec => ({ category: UNCLASSIFIED, words: [word] })),
    ];
    this.rules = specs
      .filter((spec) => !droppedCategories.has(spec.category))
      .map((spec) => ({
        category: spec.category,
        matcher: compileFieldWords(spec.words, modifiers),
        ...(spec.confirms ? { confirms: spec.confirms } : {}),
        ...(spec.on ? { on: spec.on.map(compileNameWord) } : {}),
        besideCurrency: spec.besideCurrency === true,
      }));
    this.nameWords = sources.names.filter((n) => !droppedWords.has(n.toLowerCase())).map(compileNameWord);
    this.excluded = compileFieldWords(sources.exclude.fields, modifiers);
    this.currency = new Set(sources.beside.currency.map((w) => w.toLowerCase()));
    this.date = new Set(sources.beside.date.map((w) => w.toLowerCase()));
  }

  /** "name matches `Account`" when a type or origin name contains a name word. */
  nameWord(name: string): string | undefined {
    return this.nameWords.find((p) => p.test(name))?.describe;
  }

  /**
   * Judges an object by its fields and names (its type name, origin names,
   * and those of the object it is nested in). `given`: evidence from outside
   * (listed in `sources.types`, an SDK model, the object it is nested in).
   * `ownNames`: the names of the object itself, for rules that depend on
   * them (`name` of a transaction, not of a transaction's inline `category`).
   */
  classify(members: readonly Member[], names: readonly string[], given?: string, ownNames: readonly string[] = names): ShapeVerdict {
    const currency = members.find((m) => containsWord(m.name, this.currency));
    const date = members.find((m) => m.isDate || containsWord(m.name, this.date));
    let hits: FieldHit[] = [];
    for (const member of members) {
      if (this.excluded.match(member.name)) continue;
      const hit = this.hit(member, ownNames, currency !== undefined && currency !== member);
      if (hit) hits.push(hit);
    }
    // A transaction's `name` or `city` needs the rest of a transaction too: a `PaymentsItem { title, priority }` is no transaction.
    if (!hits.some((h) => !h.onNames || h.confirms === 'alone')) hits = [];
    const evidence = given ?? this.namesEvidence(names) ?? this.fieldsEvidence(hits, currency, date);
    return { ...(evidence ? { evidence } : {}), fields: evidence ? hits : [], hits };
  }

  private hit(member: Member, names: readonly string[], hasCurrency: boolean): FieldHit | undefined {
    for (const rule of this.rules) {
      if (rule.besideCurrency && !hasCurrency) continue;
      if (rule.on && !names.some((n) => rule.on!.some((p) => p.test(n)))) continue;
      const word = rule.matcher.match(member.name) ?? (member.alias !== undefined ? rule.matcher.match(member.alias) : undefined);
      if (word !== undefined) {
        return {
          field: member.name,
          category: rule.category,
          word,
          ...(rule.confirms ? { confirms: rule.confirms } : {}),
          ...(rule.besideCurrency ? { besideCurrency: true } : {}),
          ...(rule.on ? { onNames: true } : {}),
        };
      }
    }
    return undefined;
  }

  private namesEvidence(names: readonly string[]): string | undefined {
    for (const name of names) {
      const word = this.nameWord(name);
      if (word) return word;
    }
    return undefined;
  }

  private fieldsEvidence(hits: readonly FieldHit[], currency: Member | undefined, date: Member | undefined): string | undefined {
    const alone = hits.find((h) => h.confirms === 'alone');
    if (alone) return `field \`${alone.field}\``;
    const money = hits.find((h) => h.besideCurrency);
    if (money && currency) return `\`${money.field}\` beside \`${currency.name}\``;
    for (const hit of hits.filter((h) => h.confirms === 'beside')) {
      const other = [currency, date].find((m) => m !== undefined && m.name !== hit.field) ?? hits.find((h) => h.confirms === 'beside' && h.category !== hit.category);
      if (other) return `\`${hit.field}\` beside \`${'name' in other ? other.name : other.field}\``;
    }
    return undefined;
  }
}
