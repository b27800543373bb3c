import { useEffect, useState } from 'react';
import { api } from '../../../../web/api.ts';
import type { Suggestion } from './types.ts';

/** The category and urgency the text suggests, asked again when the person stops typing. */
export function useSuggestion(description: string, delay = 500): Suggestion | null {
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const text = description.trim();
  useEffect(() => {
    if (text.length < 3) {
      setSuggestion(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api.post<Suggestion>('/api/v1/help-requests/suggest', { description: text.slice(0, 4000) }).then(
        (s) => live && setSuggestion(s),
        // A suggestion is only a help: without it the person chooses by themselves.
        () => live && setSuggestion(null),
      );
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, delay]);
  return suggestion;
}
