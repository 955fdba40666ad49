// Moves keyboard focus to an element when a view appears. The popup swaps whole views (add → result →
// confirm): without this the focused button disappears, focus falls back to the page body and a keyboard or
// screen-reader user has to start again from the top. A layout effect: focus moves in the same commit as the
// view, not a frame later (until then a key press would go to the page body).
import { useLayoutEffect, useRef } from "preact/hooks";

export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
