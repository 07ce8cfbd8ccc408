import type { LanguageModelScenario } from '@conduct/core/testing';
import { errorReply, outputReply, textStreamEvents } from './anthropic-wire.js';
import type { FakeHandler } from './fake-anthropic-server.js';

/** A fake-server handler that plays one conformance scenario in Anthropic's wire format. */
export function scenarioHandler(scenario: LanguageModelScenario): FakeHandler {
  switch (scenario.kind) {
    case 'object':
      return (request) => outputReply(request, JSON.stringify(scenario.json));
    case 'text':
      return (request) =>
        request.body?.stream === true
          ? { type: 'sse', events: textStreamEvents(scenario.chunks) }
          : outputReply(request, scenario.chunks.join(''));
    case 'invalid-json-then-valid':
      return (request, index) =>
        outputReply(request, index === 0 ? scenario.invalid : JSON.stringify(scenario.json));
    case 'invalid-always':
      return (request) => outputReply(request, scenario.invalid);
    case 'rate-limit-then-success':
      return (request, index) =>
        index === 0
          ? errorReply(
              429,
              'rate_limit_error',
              'Number of request tokens has exceeded your rate limit',
              {
                'retry-after': '0',
              },
            )
          : outputReply(request, JSON.stringify(scenario.json));
    case 'server-error-always':
      return () => errorReply(500, 'api_error', 'Internal server error');
    case 'bad-request':
      return () => errorReply(400, 'invalid_request_error', 'messages: field required');
    case 'hang':
      return () => ({ type: 'hang' });
    case 'abort-mid-stream':
      return () => ({
        type: 'sse',
        events: textStreamEvents(scenario.chunks, { complete: false }),
        stall: true,
      });
  }
}
