import { describe, expect, it } from 'vitest';
import { ScenarioFormatError } from '../src/scenario/format-error.js';
import { parseScenarios } from '../src/scenario/parse-yaml.js';

const valid = `
name: Return inside the window
agent: voltmart-support
customer: cus-aiko-tanaka
turns:
  - customer: Can I return the Lumen 55 TV from order VM-10425?
    expect:
      guidelines: { matched: Return, notMatched: [Return window passed] }
      tools:
        called: [{ tool: order_status, arguments: { order_id: VM-10425 } }]
        notCalled: start_return
      reply: { contains: [return], matches: "/label/i" }
repeat: 3
policy: majority
`;

function issuesOf(text: string) {
  try {
    parseScenarios(text, { file: 'returns.yaml' });
  } catch (error) {
    if (error instanceof ScenarioFormatError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioFormatError');
}

describe('parseScenarios', () => {
  it('reads a scenario, single names as lists, and where it starts', () => {
    const [scenario] = parseScenarios(valid, { file: 'returns.yaml' });
    expect(scenario).toMatchObject({
      name: 'Return inside the window',
      customer: 'cus-aiko-tanaka',
      repeat: 3,
      policy: 'majority',
      source: { file: 'returns.yaml', line: 2 },
    });
    expect(scenario?.turns?.[0]?.expect).toEqual({
      guidelines: { matched: ['Return'], notMatched: ['Return window passed'] },
      tools: {
        called: [{ tool: 'order_status', arguments: { order_id: 'VM-10425' } }],
        notCalled: ['start_return'],
      },
      reply: { contains: ['return'], matches: '/label/i' },
    });
  });

  it('reads several documents, and a document that lists scenarios', () => {
    const text = `${valid}---\n- { name: A, agent: x, turns: [{ customer: hi }] }\n- { name: B, agent: x, turns: [{ customer: hello }] }\n`;
    const scenarios = parseScenarios(text, { file: 'f.yaml' });
    expect(scenarios.map((s) => [s.name, s.source?.line])).toEqual([
      ['Return inside the window', 2],
      ['A', 16],
      ['B', 17],
    ]);
  });

  it('names the file, line, column and field of a misspelt field, with the likely one', () => {
    const error = issuesOf(valid.replace('notMatched: [', 'notMatchd: ['));
    expect(error.issues).toEqual([
      {
        file: 'returns.yaml',
        line: 8,
        column: 38,
        field: 'turns[0].expect.guidelines.notMatchd',
        message:
          "unknown field 'notMatchd' — did you mean 'notMatched'? (expected one of: matched, notMatched)",
      },
    ]);
    expect(error.message).toContain(
      "returns.yaml:8:38 turns[0].expect.guidelines.notMatchd: unknown field 'notMatchd'",
    );
  });

  it('says what is missing, of the wrong type or not allowed, each at its line', () => {
    const error = issuesOf(`
name: Broken
turns:
  - customer: hello
    expect:
      tools: { called: [{ arguments: { a: 1 } }] }
      reply: { contains: 3 }
repeat: many
policy: most
`);
    expect(error.issues.map((issue) => `${issue.line} ${issue.field}: ${issue.message}`)).toEqual([
      '2 agent: missing (a string is required)',
      "6 turns[0].expect.tools.called[0]: expected a tool name, or { tool, arguments, exact } (e.g. { tool: 'start_return', arguments: { order_id: 'VM-10421' } })",
      '7 turns[0].expect.reply.contains: expected a text or a list of texts',
      "8 repeat: expected a number, got the text 'many'",
      "9 policy: must be one of 'all', 'majority'",
    ]);
  });

  it('refuses a scenario with both scripted turns and a simulated customer, or neither', () => {
    expect(issuesOf('name: A\nagent: x\n').issues[0]?.message).toBe(
      'a scenario has either `turns` (scripted customer) or `simulate`, not both',
    );
    const both = issuesOf(
      'name: A\nagent: x\nturns: [{ customer: hi }]\nsimulate: { persona: p, goal: g }\n',
    );
    expect(both.issues[0]).toMatchObject({ line: 4, field: 'simulate' });
  });

  it('reports YAML syntax errors with their position', () => {
    const error = issuesOf('name: A\nagent: [x\n');
    expect(error.issues[0]).toMatchObject({ file: 'returns.yaml', line: 3 });
    expect(error.issues[0]?.message).toMatch(/^not valid YAML: /);
  });
});
