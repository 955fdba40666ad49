// Moves keyboard focus to an element when a view appears. The popup swaps whole views (add → result →
// confirm): without this the focused button disappears, focus falls back to the page body and a keyboard or
// screen-reader user has to start again from the top.
import { useEffect, useRef } from "preact/hooks";

export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
