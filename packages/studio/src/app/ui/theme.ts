const THEME_STORAGE = 'conduct.studio.theme';

/** `light`, `dark`, or `system` (follow the operating system). */
export type Theme = 'light' | 'dark' | 'system';

/** The saved theme. */
export function savedTheme(): Theme {
  const saved = localStorage.getItem(THEME_STORAGE);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

/** Applies and saves a theme. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') {
    localStorage.removeItem(THEME_STORAGE);
    delete document.documentElement.dataset.theme;
  } else {
    localStorage.setItem(THEME_STORAGE, theme);
    document.documentElement.dataset.theme = theme;
  }
}
