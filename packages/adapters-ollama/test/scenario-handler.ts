import type { LanguageModelScenario } from '@conduct/core/testing';
import {
  type FakeHandler,
  type RecordedRequest,
  sendChat,
  sendError,
  streamChat,
} from './fake-ollama-server.js';

/**
 * A fake `/api/chat` that plays one conformance scenario in Ollama's wire format: JSON answers
 * for `stream: false`, NDJSON for `stream: true`, `{"error": ...}` bodies for failures.
 */
export function scenarioHandler(scenario: LanguageModelScenario): FakeHandler {
  let chatRequests = 0;
  return async (request, res) => {
    if (request.path !== '/api/chat') {
      sendError(res, 404, '404 page not found');
      return;
    }
    chatRequests += 1;
    const model = String(request.body?.model);
    const reply = (content: string) => answer(request, res, model, [content]);
    switch (scenario.kind) {
      case 'object':
        return reply(JSON.stringify(scenario.json));
      case 'text':
        return answer(request, res, model, scenario.chunks);
      case 'invalid-json-then-valid':
        return reply(chatRequests === 1 ? scenario.invalid : JSON.stringify(scenario.json));
      case 'invalid-always':
        return reply(scenario.invalid);
      case 'rate-limit-then-success':
        if (chatRequests === 1) return sendError(res, 429, 'too many requests');
        return reply(JSON.stringify(scenario.json));
      case 'server-error-always':
        return sendError(res, 500, 'llama runner process has terminated: exit status 2');
      case 'bad-request':
        return sendError(res, 400, 'invalid format: expected "json" or a valid JSON schema');
      case 'hang':
        return; // Never answers: the response stays open until the client gives up.
      case 'abort-mid-stream':
        return streamChat(res, model, scenario.chunks, { stall: true });
    }
  };
}

function answer(
  request: RecordedRequest,
  res: Parameters<FakeHandler>[1],
  model: string,
  chunks: readonly string[],
): void | Promise<void> {
  if (request.body?.stream === true) return streamChat(res, model, chunks);
  sendChat(res, model, chunks.join(''));
}
