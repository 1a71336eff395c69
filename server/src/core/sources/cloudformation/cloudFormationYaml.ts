/**
 * Where a YAML template's text is read by CloudFormation and rejected by strict YAML 1.2, found in one pass.
 *
 * CloudFormation reads YAML 1.1 with a PyYAML-style scanner (cfn-lint, AWS's linter, uses PyYAML). It differs from
 * the `yaml` package's strict reading on under-indented lines in two places:
 * - A quoted string ends only at its closing quote (a document marker, `---` or `...`, at the start of a line
 *   inside it, or the end of the text, is an error): `Desc: "first line\nsecond"` under a deeper key is
 *   "first line second". The `yaml` package ends the string at the first line indented no deeper than its key;
 *   its maintainers call this input invalid YAML that "several YAML processors allow" (eemeli/yaml#176).
 * - Inside a flow collection (`[...]`, `{...}`) indentation does not count: `Arns: ["a",\n"b"]` is a list of
 *   two. The `yaml` package ends the collection at the first line indented no deeper than its key. A document
 *   marker at the start of a line inside one, or a tab before a line's first token, is an error for PyYAML too.
 *
 * `scanAsCloudFormation` follows the `yaml` package's lexer (yaml/dist/parse/lexer.js: its indentation state,
 * `indentNext`, decides which lines it rejects) over the whole text once, reading quoted strings and flow
 * collections as CloudFormation does, and returns each one that the strict reading rejects, with the line where it
 * does. The caller reads a same-length copy of the text with their line breaks made spaces (one parse).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html
 */

/** A quoted string or flow collection that strict YAML rejects and CloudFormation reads. */
export interface UnderIndented {
  readonly kind: 'quoted' | 'flow';
  /** The offset of the opening quote or bracket. */
  readonly open: number;
  /** The offset of the closing quote or bracket. */
  readonly close: number;
  /** The first character (after its spaces and tabs) of the first line strict YAML rejects: indented no deeper than the key. */
  readonly line: number;
  /** Comments inside a flow collection ([start, end) each): a line of their own once the breaks are spaces. */
  readonly comments: readonly (readonly [number, number])[];
}

type State = 'stream' | 'line-start' | 'block-start' | 'doc' | 'flow';

const FLOW_INDICATORS = new Set([',', '[', ']', '{', '}']);
const TAG_CHARS = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const HEX = new Set('0123456789ABCDEFabcdef');
const NOT_ANCHOR = new Set([' ', ',', '[', ']', '{', '}', '\n', '\r', '\t']);

function isEmpty(ch: string | undefined): boolean {
  return ch === undefined || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
}

/** A PyYAML-style reading error: the template does not parse for CloudFormation either. */
class Rejected extends Error {}

/**
 * The quoted strings and flow collections of `text` that CloudFormation reads and strict YAML rejects, in text
 * order; undefined when CloudFormation rejects one of them too (or a quoted string never closes).
 */
export function scanAsCloudFormation(text: string): UnderIndented[] | undefined {
  try {
    return new Scanner(text).run();
  } catch (error) {
    if (error instanceof Rejected) return undefined;
    throw error;
  }
}

class Scanner {
  private pos = 0;
  private indentValue = 0;
  private indentNext = 0;
  private flowLevel = 0;
  private flowKey = false;
  private blockScalarIndent = -1;
  private blockScalarKeep = false;
  /** The outermost flow collection being read: its opening bracket, its first rejected line, its comments. */
  private flow: { open: number; line: number; comments: [number, number][] } | undefined;
  private readonly found: UnderIndented[] = [];

  constructor(private readonly text: string) {}

  run(): UnderIndented[] {
    let state: State = 'stream';
    let last = -1;
    let stalled = 0;
    while (this.pos < this.text.length) {
      // Every state moves on or hands over to one that does; a reading that stops moving is not one to trust.
      stalled = this.pos === last ? stalled + 1 : 0;
      if (stalled > 8) throw new Rejected();
      last = this.pos;
      switch (state) {
        case 'stream':
          state = this.stream();
          break;
        case 'line-start':
          state = this.lineStart();
          break;
        case 'block-start':
          state = this.blockStart();
          break;
        case 'doc':
          state = this.document();
          break;
        case 'flow':
          state = this.flowCollection();
          break;
      }
    }
    // The text ends inside a flow collection: an error for both readings.
    if (this.flowLevel > 0) throw new Rejected();
    return this.found;
  }

  private ch(n = 0): string | undefined {
    return this.text[this.pos + n];
  }

  /** The end of the current line (before `\r\n` or `\n`), or of the text. */
  private lineEnd(): number {
    let end = this.text.indexOf('\n', this.pos);
    if (end < 0) return this.text.length;
    if (this.text[end - 1] === '\r') end--;
    return Math.max(end, this.pos);
  }

  private atLineEnd(): boolean {
    let i = this.pos;
    let ch = this.text[i];
    while (ch === ' ' || ch === '\t') ch = this.text[++i];
    return ch === undefined || ch === '#' || ch === '\n' || (ch === '\r' && this.text[i + 1] === '\n');
  }

  private spaces(allowTabs: boolean): number {
    const start = this.pos;
    let ch = this.text[this.pos];
    while (ch === ' ' || (allowTabs && ch === '\t')) ch = this.text[++this.pos];
    return this.pos - start;
  }

  private newline(): number {
    const ch = this.text[this.pos];
    if (ch === '\n') {
      this.pos += 1;
      return 1;
    }
    if (ch === '\r' && this.text[this.pos + 1] === '\n') {
      this.pos += 2;
      return 2;
    }
    return 0;
  }

  /** Where a scalar may go on at `offset`, the start of a line, or -1 (the lexer's `continueScalar`). */
  private continueScalar(offset: number): number {
    const text = this.text;
    let ch = text[offset];
    if (this.indentNext > 0) {
      let indent = 0;
      while (ch === ' ') ch = text[++indent + offset];
      if (ch === '\r' && text[indent + offset + 1] === '\n') return offset + indent + 1;
      return ch === '\n' || indent >= this.indentNext ? offset + indent : -1;
    }
    return isDocumentMarker(text, offset) ? -1 : offset;
  }

  private stream(): State {
    if (this.pos === 0 && this.ch() === '\uFEFF') this.pos++;
    if (this.ch() === '%' || this.atLineEnd()) {
      // A directive, or a line with nothing but a comment.
      this.pos = this.lineEnd();
      this.newline();
      return 'stream';
    }
    return this.lineStart();
  }

  private lineStart(): State {
    if (isDocumentMarker(this.text, this.pos)) {
      const marker = this.text.slice(this.pos, this.pos + 3);
      this.pos += 3;
      this.indentValue = 0;
      this.indentNext = 0;
      return marker === '---' ? 'doc' : 'stream';
    }
    this.indentValue = this.spaces(false);
    if (this.indentNext > this.indentValue && !isEmpty(this.ch(1))) this.indentNext = this.indentValue;
    return this.blockStart();
  }

  private blockStart(): State {
    const ch0 = this.ch();
    if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(this.ch(1))) {
      this.pos++;
      const n = 1 + this.spaces(true);
      this.indentNext = this.indentValue + 1;
      this.indentValue += n;
      return 'block-start';
    }
    return 'doc';
  }

  private document(): State {
    this.spaces(true);
    this.indicators();
    const ch = this.ch();
    switch (ch) {
      case '#':
        this.pos = this.lineEnd();
        return this.endOfLine();
      case '{':
      case '[':
        this.flow = { open: this.pos, line: -1, comments: [] };
        this.pos++;
        this.flowKey = false;
        this.flowLevel = 1;
        return 'flow';
      case '}':
      case ']':
        this.pos++;
        return 'doc';
      case '*':
        this.until(NOT_ANCHOR);
        return 'doc';
      case '"':
      case "'":
        return this.quoted();
      case '|':
      case '>':
        this.blockScalarHeader();
        this.pos = this.lineEnd();
        this.newline();
        return this.blockScalar();
      default:
        if (this.pos >= this.lineEnd()) return this.endOfLine();
        return this.plain();
    }
  }

  /** At the end of a line's content (a lone `\r` is content): the next line. */
  private endOfLine(): State {
    if (this.newline() === 0 && this.pos < this.text.length) this.pos++;
    return this.lineStart();
  }

  private flowCollection(): State {
    let indent = -1;
    let tab = false;
    let nl: number;
    let sp: number;
    do {
      nl = this.newline();
      if (nl > 0) {
        sp = this.spaces(false);
        this.indentValue = indent = sp;
        tab = false;
      } else sp = 0;
      const before = this.pos;
      sp += this.spaces(true);
      if (this.text.slice(before, this.pos).includes('\t')) tab = true;
    } while (nl + sp > 0);
    const lineStart = this.pos;
    const first = this.ch();
    if (indent !== -1 && (this.pos >= this.text.length || (indent === 0 && isDocumentMarker(this.text, this.pos)))) throw new Rejected();
    if (indent !== -1 && indent < this.indentNext && first !== '#') {
      // The strict reading ends the collection here, unless it is the closing bracket one column short.
      const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (first === ']' || first === '}');
      if (!atFlowEndMarker) this.rejectedFlowLine(lineStart, tab);
    }
    while (this.ch() === ',') {
      this.pos++;
      this.spaces(true);
      this.flowKey = false;
    }
    this.indicators();
    const ch = this.ch();
    switch (ch) {
      case '#':
        this.flow!.comments.push([this.pos, this.lineEnd()]);
        this.pos = this.lineEnd();
        return 'flow';
      case '{':
      case '[':
        this.pos++;
        this.flowKey = false;
        this.flowLevel += 1;
        return 'flow';
      case '}':
      case ']':
        this.pos++;
        this.flowKey = true;
        this.flowLevel -= 1;
        if (this.flowLevel > 0) return 'flow';
        this.closeFlow(this.pos - 1);
        return 'doc';
      case '*':
        this.until(NOT_ANCHOR);
        return 'flow';
      case '"':
      case "'":
        this.flowKey = true;
        return this.quoted();
      case ':': {
        const next = this.ch(1);
        if (this.flowKey || isEmpty(next) || next === ',') {
          this.flowKey = false;
          this.pos++;
          this.spaces(true);
          return 'flow';
        }
        this.flowKey = false;
        return this.plain();
      }
      default:
        if (this.pos >= this.lineEnd()) return 'flow'; // the end of the line: the next call reads the break
        this.flowKey = false;
        return this.plain();
    }
  }

  /** A line of the current flow collection that strict YAML rejects: the first one is the one it reports. */
  private rejectedFlowLine(lineStart: number, tab: boolean): void {
    // PyYAML does not skip a tab before a token ("found character '\t' that cannot start any token").
    if (tab) throw new Rejected();
    if (this.flow!.line < 0) this.flow!.line = lineStart;
  }

  private closeFlow(close: number): void {
    const flow = this.flow!;
    this.flow = undefined;
    if (flow.line < 0) return;
    // A key is on one line for PyYAML ("mapping values are not allowed here"): such a collection is no key.
    let after = close + 1;
    while (this.text[after] === ' ' || this.text[after] === '\t') after++;
    if (this.text[after] === ':' && isEmpty(this.text[after + 1])) throw new Rejected();
    this.found.push({ kind: 'flow', open: flow.open, close, line: flow.line, comments: flow.comments });
  }

  private indicators(): void {
    for (;;) {
      const ch = this.ch();
      if (ch === '!') {
        this.tag();
        this.spaces(true);
      } else if (ch === '&') {
        this.until(NOT_ANCHOR);
        this.spaces(true);
      } else if (ch === '-' || ch === '?' || ch === ':') {
        const inFlow = this.flowLevel > 0;
        const ch1 = this.ch(1);
        if (!(isEmpty(ch1) || (inFlow && FLOW_INDICATORS.has(ch1!)))) return;
        if (!inFlow) this.indentNext = this.indentValue + 1;
        else if (this.flowKey) this.flowKey = false;
        this.pos++;
        this.spaces(true);
      } else return;
    }
  }

  private tag(): void {
    const text = this.text;
    let i = this.pos + 1;
    if (text[i] === '<') {
      i++;
      while (!isEmpty(text[i]) && text[i] !== '>') i++;
      this.pos = text[i] === '>' ? i + 1 : i;
      return;
    }
    for (;;) {
      const ch = text[i];
      if (ch !== undefined && TAG_CHARS.has(ch)) i++;
      else if (ch === '%' && HEX.has(text[i + 1]) && HEX.has(text[i + 2])) i += 3;
      else break;
    }
    this.pos = i;
  }

  private until(stop: ReadonlySet<string>): void {
    let ch = this.ch();
    while (ch !== undefined && !stop.has(ch)) ch = this.text[++this.pos];
  }

  /** A quoted string, to its closing quote as PyYAML finds it; recorded when strict YAML ends it early. */
  private quoted(): State {
    const open = this.pos;
    const close = closingQuote(this.text, open);
    if (close < 0) throw new Rejected();
    for (let nl = this.text.indexOf('\n', open); nl >= 0 && nl < close; nl = this.text.indexOf('\n', nl + 1)) {
      const cs = this.continueScalar(nl + 1);
      if (cs < 0) {
        let line = nl + 1;
        while (this.text[line] === ' ' || this.text[line] === '\t') line++;
        this.found.push({ kind: 'quoted', open, close, line, comments: [] });
        break;
      }
      nl = Math.max(nl, cs - 1);
    }
    this.pos = close + 1;
    return this.flowLevel > 0 ? 'flow' : 'doc';
  }

  private blockScalarHeader(): void {
    this.blockScalarIndent = -1;
    this.blockScalarKeep = false;
    let i = this.pos;
    for (;;) {
      const ch = this.text[++i];
      if (ch === '+') this.blockScalarKeep = true;
      else if (ch !== undefined && ch > '0' && ch <= '9') this.blockScalarIndent = Number(ch) - 1;
      else if (ch !== '-') break;
    }
  }

  /** A block scalar's lines (the lexer's `parseBlockScalar`, at the end of the text). */
  private blockScalar(): State {
    const text = this.text;
    let nl = this.pos - 1;
    let indent = 0;
    let ch: string | undefined;
    loop: for (let i = this.pos; (ch = text[i]) !== undefined; ++i) {
      switch (ch) {
        case ' ':
          indent += 1;
          break;
        case '\n':
          nl = i;
          indent = 0;
          break;
        case '\r':
          if (text[i + 1] === '\n') break;
          break loop;
        default:
          break loop;
      }
    }
    if (indent >= this.indentNext) {
      if (this.blockScalarIndent === -1) this.indentNext = indent;
      else this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
      do {
        const cs = this.continueScalar(nl + 1);
        if (cs === -1) break;
        nl = text.indexOf('\n', cs);
      } while (nl !== -1);
      if (nl === -1) nl = text.length;
    }
    let i = nl + 1;
    ch = text[i];
    while (ch === ' ') ch = text[++i];
    if (ch === '\t') {
      while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n') ch = text[++i];
      nl = i - 1;
    } else if (!this.blockScalarKeep) {
      for (;;) {
        let j = nl - 1;
        let c = text[j];
        if (c === '\r') c = text[--j];
        const lastChar = j;
        while (c === ' ') c = text[--j];
        if (c === '\n' && j >= this.pos && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    this.pos = Math.max(this.pos, nl + 1);
    return this.lineStart();
  }

  /**
   * A plain scalar (the lexer's `parsePlainScalar`). In a flow collection it goes on over a line indented no deeper
   * than the key, as PyYAML's does (and strict YAML's collection ends there: the collection's rejected line).
   */
  private plain(): State {
    const text = this.text;
    const inFlow = this.flowLevel > 0;
    let end = this.pos - 1;
    let i = this.pos - 1;
    let ch: string | undefined;
    while ((ch = text[++i]) !== undefined) {
      if (ch === ':') {
        const next = text[i + 1];
        if (isEmpty(next) || (inFlow && FLOW_INDICATORS.has(next))) break;
        end = i;
      } else if (isEmpty(ch)) {
        let next = text[i + 1];
        if (ch === '\r') {
          if (next === '\n') {
            i += 1;
            ch = '\n';
            next = text[i + 1];
          } else end = i;
        }
        if (next === '#' || (inFlow && FLOW_INDICATORS.has(next))) break;
        if (ch === '\n') {
          let cs = this.continueScalar(i + 1);
          if (cs === -1) {
            if (!inFlow || isDocumentMarker(text, i + 1)) break;
            let start = i + 1;
            let tab = false;
            while (text[start] === ' ' || text[start] === '\t') if (text[start++] === '\t') tab = true;
            this.rejectedFlowLine(start, tab);
            cs = i + 1;
          }
          i = Math.max(i, cs - 2);
        }
      } else {
        if (inFlow && FLOW_INDICATORS.has(ch)) break;
        end = i;
      }
    }
    this.pos = end + 1;
    return inFlow ? 'flow' : 'doc';
  }
}

/** `---` or `...` at `offset` followed by a space, a line break or the end of the text. */
function isDocumentMarker(text: string, offset: number): boolean {
  const marker = text.slice(offset, offset + 3);
  return (marker === '---' || marker === '...') && isEmpty(text[offset + 3]);
}

/**
 * The closing quote of the quoted string opened at `open`, as a PyYAML-style scanner finds it (escapes: `\x` in
 * double quotes, `''` in single quotes), or -1 when a line inside starts with a document marker or the text ends.
 */
export function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (quote === '"' && ch === '\\' && text[i + 1] !== '\n' && text[i + 1] !== '\r') i++;
    else if (ch === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    } else if (ch === '\n' && isDocumentMarker(text, i + 1)) return -1;
  }
  return -1;
}
