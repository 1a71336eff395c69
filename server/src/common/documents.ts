/**
 * An open document as the core's analysis input: its text, its URI as the id and as its file name, its language.
 * The language id decides the syntax when it names one; the name decides for the others (a `plaintext` .tf file
 * when HashiCorp's Terraform extension is not installed).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentInput } from '../core';

export function documentInputOf(document: TextDocument): DocumentInput {
  const uri = document.uri;
  const end = [uri.indexOf('?'), uri.indexOf('#')].filter((i) => i >= 0);
  return { text: document.getText(), id: uri, languageId: document.languageId, fileName: end.length ? uri.slice(0, Math.min(...end)) : uri };
}
