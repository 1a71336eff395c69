/**
 * CloudFormation and SAM templates, JSON or YAML: parse into one tree shape (jsonc-parser's nodes, offsets into
 * the template text) and decide whether the document is a template at all. Precision first: a YAML or JSON file
 * that is not clearly a template (Kubernetes manifests, CI workflows, package.json) is not one.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { objectElements, parseJsonTree } from '../../parse/parsePolicy';
import type { Element, Range, SyntaxProblem } from '../../model/policy';
import { parseYamlTree } from './yamlTree';

export type TemplateFormat = 'json' | 'yaml';

export interface TemplateResource {
  readonly logicalId: string;
  /** The logical ID as written (the key). */
  readonly keyRange: Range;
  /** `AWS::IAM::Role`, ... (undefined when Type is not a literal string). */
  readonly type?: string;
  /** The resource's Properties object, when it is one. */
  readonly properties?: JsonNode;
  readonly node: JsonNode;
}

export interface ParsedTemplate {
  readonly text: string;
  readonly format: TemplateFormat;
  readonly root: JsonNode | undefined;
  /** JSON: every syntax problem (jsonc-parser recovers); YAML: the parser's errors. */
  readonly syntaxProblems: readonly SyntaxProblem[];
  /** YAML that strict parsers reject and CloudFormation reads (yamlTree.ts): the tree is CloudFormation's reading. */
  readonly lenientSyntax: readonly SyntaxProblem[];
  readonly resources: readonly TemplateResource[];
  /** Logical IDs of the template's Parameters. */
  readonly parameters: readonly string[];
}

/** The template in `text`, or undefined when the document is not a CloudFormation or SAM template. */
export function parseTemplate(text: string, format: TemplateFormat): ParsedTemplate | undefined {
  // Every template names `AWSTemplateFormatVersion` or an `AWS::` type or transform (see isTemplate): other
  // documents (CI workflows, Kubernetes manifests, package.json) are not parsed a second time at all.
  if (!text.includes('AWS::') && !text.includes('AWSTemplateFormatVersion')) return undefined;
  const { root, syntaxProblems, lenientSyntax } = format === 'json' ? { ...parseJsonTree(text), lenientSyntax: [] } : yamlTree(text);
  if (!root || root.type !== 'object') return undefined;
  const top = objectElements(root);
  if (!isTemplate(top)) return undefined;
  const resources: TemplateResource[] = [];
  for (const e of objectElements(valueOf(top, 'Resources'))) {
    if (e.value?.type !== 'object') continue;
    const parts = objectElements(e.value);
    const type = valueOf(parts, 'Type');
    const properties = valueOf(parts, 'Properties');
    resources.push({
      logicalId: e.key,
      keyRange: e.keyRange,
      type: type?.type === 'string' ? (type.value as string) : undefined,
      properties: properties?.type === 'object' ? properties : undefined,
      node: e.value,
    });
  }
  const parameters = objectElements(valueOf(top, 'Parameters')).map((e) => e.key);
  return { text, format, root, syntaxProblems, lenientSyntax, resources, parameters };
}

function yamlTree(text: string): { root: JsonNode | undefined; syntaxProblems: readonly SyntaxProblem[]; lenientSyntax: readonly SyntaxProblem[] } {
  const { root, errors, lenient } = parseYamlTree(text);
  return { root, syntaxProblems: errors, lenientSyntax: lenient };
}

export function valueOf(elements: readonly Element[], key: string): JsonNode | undefined {
  return elements.find((e) => e.key === key)?.value;
}

/**
 * A template: it has `AWSTemplateFormatVersion`, or a SAM `Transform`, or Resources of which one has an
 * `AWS::` Type.
 */
function isTemplate(top: readonly Element[]): boolean {
  if (top.some((e) => e.key === 'AWSTemplateFormatVersion')) return true;
  const transform = valueOf(top, 'Transform');
  const transforms = transform?.type === 'array' ? (transform.children ?? []) : transform ? [transform] : [];
  if (transforms.some((t) => t.type === 'string' && (t.value as string).startsWith('AWS::Serverless'))) return true;
  const resources = valueOf(top, 'Resources');
  return objectElements(resources).some((r) => {
    const type = valueOf(objectElements(r.value), 'Type');
    return type?.type === 'string' && (type.value as string).startsWith('AWS::');
  });
}
