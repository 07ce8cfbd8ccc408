import type { LanguageModelScenario } from '@conduct/core/testing';
import { type Handler, replyError, replyStream, replyText } from './fake-openai-server.js';

/** A handler that plays one model conformance scenario on `/chat/completions`. */
export function scenarioHandler(scenario: LanguageModelScenario): Handler {
  return (request, res, index) => {
    switch (scenario.kind) {
      case 'object':
        return replyText(res, request, JSON.stringify(scenario.json));
      case 'text':
        if (request.body?.stream) return replyStream(res, scenario.chunks);
        return replyText(res, request, scenario.chunks.join(''));
      case 'invalid-json-then-valid':
        return replyText(
          res,
          request,
          index === 0 ? scenario.invalid : JSON.stringify(scenario.json),
        );
      case 'invalid-always':
        return replyText(res, request, scenario.invalid);
      case 'rate-limit-then-success':
        if (index === 0) {
          return replyError(res, 429, 'Rate limit reached for requests', {
            type: 'requests',
            code: 'rate_limit_exceeded',
            headers: { 'retry-after': '0' },
          });
        }
        return replyText(res, request, JSON.stringify(scenario.json));
      case 'server-error-always':
        return replyError(res, 500, 'The server had an error while processing your request.');
      case 'bad-request':
        return replyError(res, 400, "Invalid value for 'messages'.", { code: 'invalid_value' });
      case 'hang':
        return;
      case 'abort-mid-stream':
        return replyStream(res, scenario.chunks, { stall: true });
    }
  };
}
