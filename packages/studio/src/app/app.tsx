import { lazy, Suspense, useEffect, useState } from 'react';
import { api } from './api/client.js';
import { ChatPage } from './chat/chat-page.js';
import { ApiKeyDialog } from './ui/api-key-dialog.js';
import { applyTheme, savedTheme, type Theme } from './ui/theme.js';
import { useHashRoute } from './ui/use-hash-route.js';

const ModelPage = lazy(() =>
  import('./model/model-page.js').then((module) => ({ default: module.ModelPage })),
);
const FeedbackPage = lazy(() =>
  import('./feedback/feedback-page.js').then((module) => ({ default: module.FeedbackPage })),
);

const PAGES = [
  ['chat', 'Chat'],
  ['model', 'Behavior model'],
  ['feedback', 'Feedback'],
] as const;

/** The studio: a header with the pages, and the page the URL names. */
export function App() {
  const route = useHashRoute();
  const [askKey, setAskKey] = useState(false);
  // A new key reloads the page's data (its components mount again).
  const [keyRound, setKeyRound] = useState(0);
  const [theme, setTheme] = useState<Theme>(savedTheme);
  useEffect(() => api.onKeyNeeded(() => setAskKey(true)), []);
  useEffect(() => applyTheme(theme), [theme]);
  const page = PAGES.some(([id]) => id === route.page) ? route.page : 'chat';
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>Conduct Studio</h1>
        <nav className="pages" aria-label="Pages">
          {PAGES.map(([id, label]) => (
            <a key={id} href={`#/${id}`} aria-current={page === id ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div className="tools">
          <label>
            Theme{' '}
            <select value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
              <option value="system">System</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <button type="button" onClick={() => setAskKey(true)}>
            {api.hasKey ? 'API key ✓' : 'API key'}
          </button>
          <a href="docs">API docs</a>
        </div>
      </header>
      <main id="main" key={keyRound}>
        <Suspense fallback={<p className="hint">Loading…</p>}>
          {page === 'chat' && (
            <ChatPage sessionId={route.rest[0]} traceId={route.query.get('trace') ?? undefined} />
          )}
          {page === 'model' && <ModelPage tab={route.rest[0]} query={route.query} />}
          {page === 'feedback' && <FeedbackPage />}
        </Suspense>
      </main>
      <ApiKeyDialog
        open={askKey}
        onClose={() => {
          setAskKey(false);
          setKeyRound((n) => n + 1);
        }}
      />
    </>
  );
}
