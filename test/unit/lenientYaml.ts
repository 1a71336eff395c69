/**
 * A large YAML template whose managed policies each have a two-line quoted Description, the second line either
 * indented deeper than the key (strict YAML reads it) or at column 3 (only CloudFormation's reading does): the
 * unit test of the lenient reading and `bench yaml-lenient` read the same text.
 */
export interface LenientTemplate {
  readonly text: string;
  /** 1-based line of each under-indented Description's second line, in order. */
  readonly underIndentedLines: readonly number[];
}

/** `resources` policies of 11 lines each; the first `underIndented` of them have the under-indented Description. */
export function descriptionsTemplate(resources: number, underIndented: number): LenientTemplate {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:'];
  const underIndentedLines: number[] = [];
  for (let i = 0; i < resources; i++) {
    const under = i < underIndented;
    lines.push(`  Policy${i}:`, '    Type: AWS::IAM::ManagedPolicy', '    Properties:', `      Description: "Policy ${i}, first line`);
    if (under) underIndentedLines.push(lines.length + 1);
    lines.push(under ? '  second line"' : '        second line"');
    lines.push(
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:GetObject',
      `            Resource: arn:aws:s3:::bucket-${i}/*`,
    );
  }
  return { text: `${lines.join('\n')}\n`, underIndentedLines };
}
