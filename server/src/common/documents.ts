/** An open document as the core's analysis input: its text, its URI as the id, its language (the syntax). */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentInput } from '../core';

export function documentInputOf(document: TextDocument): DocumentInput {
  return { text: document.getText(), id: document.uri, languageId: document.languageId };
}
