import { checkOverAmount, checkValue, checkWindowDate, keywordOf, suggestFields } from './check';
import { queryMessage, QueryMessage } from './messages';
import { Comparison, Condition, CUSTOM_PREFIX, FIELD_ALIASES, QueryField, QueryNode, queryField } from './tree';

/** A mistake in a typed query: where it is (0-based index in the text, in UTF-16 units as JavaScript
 *  counts them, so the builder can put the cursor there) and what would have been accepted there. */
export interface QueryError {
  /** In English (the CLI, logs); `detail` gives it in any language through queryMessage. */
  message: string;
  detail: QueryMessage;
  position: number;
  expected: string[];
}

export type ParseResult = { ok: true; tree: QueryNode } | { ok: false; error: QueryError };

class QueryFailure {
  constructor(readonly error: QueryError) {}
}

const WORD = /[\p{L}_][\p{L}\p{N}_.-]*/uy;
const BARE_VALUE = /[^\s()"]+/y;
const WINDOW = /(since|within|before|over):/iy;
const OPS: readonly Comparison[] = ['>=', '<=', '!=', '=', '>', '<', ':'];
const TERM_START = ['a field name', 'NOT', "'('"];
const quoted = (s: string) => `'${s}'`;

/** The text form people type and read, e.g.
 *    tag:volunteer AND membership.status:current AND donations.total>=100 since:365d
 *    newsletter:subscribed AND NOT member AND opens>=3 within:90d AND clicks=0
 *    (tag:"major donor" OR donations.largest>500) AND city:Lyon
 *  - AND binds tighter than OR; NOT applies to the next term; parentheses group. Keywords ignore case and
 *    accents and may be written in English (AND OR NOT), French (ET OU NON), Spanish (Y O NO) or
 *    Portuguese (E OU NÃO). Two terms side by side without AND/OR are an error, not a guess.
 *  - A term is `field op value`; op is one of : = != > >= < <= (spaces around it are allowed). Field names
 *    ignore case; a Contacts column may be written by its own name (newsletter_status = newsletter).
 *    Custom columns are custom.<name> or custom."Any name".
 *  - A flag field alone ("member", "email_opt_out") is the condition `member : 'true'`.
 *  - since:DATE, within:DATE and before:DATE after a condition narrow what it counts; over:AMOUNT after
 *    a donations.* condition keeps only the gifts of more than AMOUNT.
 *  - Values are bare words, or "quoted" with \" and \\ inside; checked against the field's type.
 *  - Empty text is the empty AND group: every contact.
 *  Errors never throw: they come back with the position and the list of what was expected there. */
export function parseQuery(text: string): ParseResult {
  const parser = new Parser(String(text ?? ''));
  try {
    return { ok: true, tree: parser.query() };
  } catch (e) {
    if (e instanceof QueryFailure) return { ok: false, error: e.error };
    throw e;
  }
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  query(): QueryNode {
    this.skipSpace();
    if (this.atEnd()) return { kind: 'and', children: [] };
    const tree = this.or();
    this.expectEndOf('the end');
    return tree;
  }

  private or(): QueryNode {
    const children = [this.and()];
    while (this.takeKeyword('or')) children.push(this.and());
    return children.length === 1 ? children[0] : { kind: 'or', children };
  }

  private and(): QueryNode {
    const children = [this.term()];
    while (this.takeKeyword('and')) children.push(this.term());
    return children.length === 1 ? children[0] : { kind: 'and', children };
  }

  private term(): QueryNode {
    this.skipSpace();
    const start = this.pos;
    const ch = this.text[start];
    if (ch === '(') {
      this.pos++;
      const inner = this.or();
      this.skipSpace();
      if (this.text[this.pos] !== ')') {
        if (this.atEnd()) this.fail({ key: 'query.unclosed_paren', params: { position: String(start + 1) } }, ['AND', 'OR', "')'"]);
        this.expectEndOf("')'");
      }
      this.pos++;
      return inner;
    }
    const word = this.match(WORD);
    if (word === null) this.fail({ key: 'query.expected_term', found: this.found() }, TERM_START);
    const keyword = keywordOf(word);
    if (keyword === 'not') return { kind: 'not', child: this.term() };
    if (keyword) {
      this.pos = start;
      this.fail({ key: 'query.expected_term', found: this.found() }, TERM_START);
    }
    if (this.text[this.pos] === ':' && /^(since|within|before|over)$/i.test(word)) {
      this.fail({ key: 'query.window_alone', params: { word: word.toLowerCase() } }, TERM_START, start);
    }
    return this.condition(word, start);
  }

  private condition(word: string, start: number): Condition {
    const field = this.field(word, start);
    this.skipSpace();
    const opAt = this.pos;
    const op = OPS.find((o) => this.text.startsWith(o, opAt));
    if (field.type === 'flag') {
      if (op) this.fail({ key: 'query.flag_value', params: { field: field.field } }, ['AND', 'OR', 'the end'], opAt);
      return this.windows({ kind: 'condition', field: field.field, op: ':', value: 'true' }, field);
    }
    const allowed = field.ops.map(quoted);
    if (!op) this.fail({ key: 'query.expected_op', params: { ops: allowed, field: field.field }, found: this.found() }, allowed);
    if (!field.ops.includes(op)) this.fail({ key: 'query.wrong_op', params: { field: field.field, ops: allowed, op } }, allowed, opAt);
    this.pos += op.length;
    const valueAt = this.skipSpace();
    const value = this.value(`a value after '${op}'`, { key: 'query.expected_value', params: { op } });
    const checked = checkValue(field, value);
    if ('detail' in checked) this.fail(checked.detail, checked.expected, valueAt);
    return this.windows({ kind: 'condition', field: field.field, op, value: checked.value }, field);
  }

  private field(word: string, start: number): QueryField {
    const lower = word.toLowerCase();
    if (lower.startsWith(CUSTOM_PREFIX)) {
      let name = word.slice(CUSTOM_PREFIX.length);
      if (name === '' && this.text[this.pos] === '"') name = this.quotedText();
      if (name === '') this.fail({ key: 'query.expected_column', found: this.found() }, ['a column name'], this.pos);
      return queryField(CUSTOM_PREFIX + name)!;
    }
    const found = queryField(FIELD_ALIASES[lower] ?? lower);
    if (found) return found;
    const close = suggestFields(lower);
    if (close.length) this.fail({ key: 'query.unknown_field_close', params: { word, close } }, close, start);
    this.fail({ key: 'query.unknown_field', params: { word } }, ['a field name'], start);
  }

  /** since: / within: / before: (and over: on gifts) after a condition, in any order, each at most once. */
  private windows(condition: Condition, field: QueryField): Condition {
    for (;;) {
      const before = this.pos;
      const at = this.skipSpace();
      const key = this.match(WINDOW)?.slice(0, -1).toLowerCase() as 'since' | 'within' | 'before' | 'over' | undefined;
      if (!key) {
        this.pos = before;
        return condition;
      }
      if (key === 'over') {
        condition = this.over(condition, field, at);
        continue;
      }
      if (!field.window) {
        this.fail({ key: 'query.window_not_here', params: { key, field: field.field } }, ['AND', 'OR', 'the end'], at);
      }
      if (condition[key] !== undefined || (key !== 'before' && (condition.since ?? condition.within) !== undefined)) {
        this.fail({ key: key === 'before' ? 'query.two_before' : 'query.two_windows' }, ['AND', 'OR', 'the end'], at);
      }
      const valueAt = this.pos;
      const value = this.value(`a date after '${key}:'`, { key: 'query.expected_date', params: { key } });
      const problem = checkWindowDate(key, value);
      if (problem) this.fail(problem.detail, problem.expected, valueAt);
      condition = { ...condition, [key]: value };
    }
  }

  /** over:AMOUNT, the `over:` already read at `at`. */
  private over(condition: Condition, field: QueryField, at: number): Condition {
    const next = ['AND', 'OR', 'the end'];
    if (!field.over) this.fail({ key: 'query.over_not_here', params: { field: field.field } }, next, at);
    if (condition.over !== undefined) this.fail({ key: 'query.two_over' }, next, at);
    const valueAt = this.pos;
    const value = this.value("an amount after 'over:'", { key: 'query.expected_amount' });
    const problem = checkOverAmount(value);
    if (problem) this.fail(problem.detail, problem.expected, valueAt);
    return { ...condition, over: value };
  }

  /** A quoted or bare value at the current position; a missing one fails with `expected` (`missing`
   *  says it in words). */
  private value(expected: string, missing: QueryMessage): string {
    const at = this.pos;
    if (this.text[at] === '"') return this.quotedText();
    const bare = this.match(BARE_VALUE);
    // 'tag: AND x' forgot the value; 'tag:AND' (no space) looks for the tag named AND.
    const spaced = at > 0 && /\s/.test(this.text[at - 1]);
    if (bare === null || (spaced && keywordOf(bare))) {
      this.pos = at;
      this.fail({ ...missing, found: this.found() }, [expected]);
    }
    return bare;
  }

  private quotedText(): string {
    const open = this.pos;
    let out = '';
    for (let i = open + 1; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === '"') {
        this.pos = i + 1;
        return out;
      }
      if (ch === '\\' && i + 1 < this.text.length) out += this.text[++i];
      else out += ch;
    }
    this.fail({ key: 'query.unclosed_quote' }, [`a closing '"'`], open);
  }

  /** After a whole term: the end of the text (or of a parenthesis), or AND / OR. */
  private expectEndOf(end: 'the end' | "')'"): void {
    this.skipSpace();
    if (end === 'the end' ? this.atEnd() : this.text[this.pos] === ')') return;
    const expected = ['AND', 'OR', end];
    if (end === 'the end' && this.text[this.pos] === ')') this.fail({ key: 'query.stray_paren' }, expected);
    const at = this.pos;
    if (this.match(WINDOW)) this.fail({ key: 'query.window_after_group', params: { word: this.text.slice(at, this.pos) } }, expected, at);
    this.fail({ key: end === 'the end' ? 'query.expected_join_end' : 'query.expected_join_paren', found: this.found() }, expected);
  }

  private takeKeyword(kind: 'and' | 'or'): boolean {
    const before = this.pos;
    this.skipSpace();
    const word = this.match(WORD);
    if (word !== null && keywordOf(word) === kind) return true;
    this.pos = before;
    return false;
  }

  private match(pattern: RegExp): string | null {
    pattern.lastIndex = this.pos;
    const m = pattern.exec(this.text);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): number {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
    return this.pos;
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** What sits at the current position (clipped), or null at the end of the text. */
  private found(): string | null {
    if (this.atEnd()) return null;
    const rest = /^(\(|\)|"|[^\s()"]+)/.exec(this.text.slice(this.pos))![0];
    return rest.length > 24 ? rest.slice(0, 24) + '…' : rest;
  }

  private fail(detail: QueryMessage, expected: string[], position = this.pos): never {
    throw new QueryFailure({ message: queryMessage(detail), detail, position, expected });
  }
}
