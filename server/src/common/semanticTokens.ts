/**
 * LSP wiring of the semantic tokens (core/features/semanticTokens.ts): policy variables where IAM substitutes
 * them (`policyVariable`, a token type of ours declared in package.json with `variable` as its super type and
 * the grammar's scope), and the Fn::Sub references of templates as `string`, which undoes the grammar's
 * variable colouring of `${PhotosBucket}`. Full documents only: policies are small.
 */
import { SemanticTokensBuilder, type Connection, type SemanticTokens, type SemanticTokensLegend, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTemplate, type DocumentAnalysis } from '../core';
import { semanticTokens, type SemanticTokenType } from '../core/features/semanticTokens';

const TOKEN_TYPES: Record<SemanticTokenType, string> = { policyVariable: 'policyVariable', notPolicyVariable: 'string' };
const LEGEND_TYPES = ['policyVariable', 'string'];

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
      const templateRoot = analysis.kind === 'template' ? parseTemplate(text, analysis.syntax)?.root : undefined;
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
