// The time left in the current period, as a ring that empties (decorative: the code's label says it in words).
const RADIUS = 9;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

export function CountdownRing({ remaining, period }: { remaining: number; period: number }) {
  const fraction = Math.max(0, Math.min(1, remaining / period));
  const urgent = remaining <= 5;
  return (
    <svg
      class={urgent ? "ring urgent" : "ring"}
      width="24"
      height="24"
      viewBox="0 0 24 24"
      aria-hidden="true"
    >
      <circle class="ring-track" cx="12" cy="12" r={RADIUS} />
      <circle
        class="ring-left"
        cx="12"
        cy="12"
        r={RADIUS}
        stroke-dasharray={CIRCUMFERENCE}
        stroke-dashoffset={CIRCUMFERENCE * (1 - fraction)}
        transform="rotate(-90 12 12)"
      />
      <text x="12" y="16" text-anchor="middle">
        {remaining}
      </text>
    </svg>
  );
}
