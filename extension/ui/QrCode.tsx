// A QR code as SVG: the symbol is encoded by the `qrcode` package, drawn here as one path of dark modules
// (vector, so it prints sharp at any size; no canvas, no innerHTML).
import QRCode from "qrcode";

/** Light modules around the symbol, as the QR standard asks. */
const QUIET_ZONE = 4;

export function QrCode({ text, label }: { text: string; label: string }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = modules.size;
  let path = "";
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (modules.get(y, x)) path += `M${x + QUIET_ZONE} ${y + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const extent = size + 2 * QUIET_ZONE;
  return (
    <svg class="qr" viewBox={`0 0 ${extent} ${extent}`} role="img" aria-label={label}>
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" shape-rendering="crispEdges" />
    </svg>
  );
}
