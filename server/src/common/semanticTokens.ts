/**
 * LSP wiring of the semantic tokens (core/features/semanticTokens.ts): policy variables where IAM substitutes
 * them (`policyVariable`: a token type of ours, package.json declares `variable` as its super type and the
 * grammar's scope), and the Fn::Sub references of templates (`templateText`: ours, a `string` whose scope in
 * package.json is the host grammar's string scope of each language, so it takes the colour of the string around
 * it and undoes the grammar's variable colouring of `${PhotosBucket}`; a plain `string` token would take a theme's
 * generic string colour, which light themes give YAML's plain scalars differently). Full documents only.
 */
import { SemanticTokensBuilder, type Connection, type SemanticTokens, type SemanticTokensLegend, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentAnalysis } from '../core';
import { semanticTokens, type SemanticTokenType } from '../core/features/semanticTokens';

const TOKEN_TYPES: Record<SemanticTokenType, string> = { policyVariable: 'policyVariable', notPolicyVariable: 'templateText' };
const LEGEND_TYPES = ['policyVariable', 'templateText'];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: LEGEND_TYPES, tokenModifiers: [] };

export interface SemanticTokensHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** The server's (cached) analysis; undefined without a catalog. */
  analyze(document: TextDocument): DocumentAnalysis | undefined;
}

export function registerSemanticTokens(host: SemanticTokensHost): void {
  const { connection, documents } = host;
  connection.languages.semanticTokens.on((params): SemanticTokens => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { data: [] };
    try {
      const analysis = host.analyze(document);
      if (!analysis || analysis.kind === 'not-a-policy') return { data: [] };
      const text = document.getText();
      // The template's tree as the analysis read it (no second parse of the template per request).
      const templateRoot = analysis.kind === 'template' ? analysis.tree : undefined;
      const builder = new SemanticTokensBuilder();
      for (const token of semanticTokens({ text, policies: analysis.policies, templateRoot })) {
        const start = document.positionAt(token.start);
        builder.push(start.line, start.character, token.end - token.start, LEGEND_TYPES.indexOf(TOKEN_TYPES[token.type]), 0);
      }
      return builder.build();
    } catch (error) {
      connection.console.error(`Semantic tokens of ${document.uri} failed: ${(error as Error).stack ?? String(error)}`);
      return { data: [] };
    }
  });
}
