import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { RefObject } from "preact";

interface View {
  x: number;
  y: number;
  k: number;
}

/** Below this scale node labels cannot be read: fitting a large plan stops here and pans instead. */
const MIN_FIT = 0.7;
const MIN_K = 0.05;
const MAX_K = 3;

/** Pan (drag) and zoom (wheel, buttons) of an SVG's content; starts fitted to `content`'s size. */
export function usePanZoom(svg: RefObject<SVGSVGElement | null>, content: { width: number; height: number } | undefined) {
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const viewRef = useRef(view);
  viewRef.current = view;
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | undefined>(undefined);

  const fit = useCallback(() => {
    const el = svg.current;
    if (!el || !content) return;
    const { width, height } = el.getBoundingClientRect();
    const k = Math.min(MAX_K, Math.max(MIN_FIT, Math.min(width / Math.max(content.width, 1), height / Math.max(content.height, 1))));
    setView({ k, x: Math.max(0, (width - content.width * k) / 2), y: Math.max(0, (height - content.height * k) / 2) });
  }, [svg, content]);

  useEffect(fit, [fit]);
  // The canvas changes size (a module's panel opens or closes, the window is resized): fit again.
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(el);
    return () => observer.disconnect();
  }, [svg, fit]);

  const zoomAt = useCallback((factor: number, cx: number, cy: number) => {
    setView((v) => {
      const k = Math.min(MAX_K, Math.max(MIN_K, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });
  }, []);

  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    const onDown = (e: PointerEvent) => {
      if ((e.target as Element).closest("[data-module]")) return;
      drag.current = { x: e.clientX, y: e.clientY, vx: viewRef.current.x, vy: viewRef.current.y };
      el.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      const d = drag.current;
      if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
    };
    const onUp = () => {
      drag.current = undefined;
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    el.addEventListener("pointerdown", onDown);
    el.addEventListener("pointermove", onMove);
    el.addEventListener("pointerup", onUp);
    return () => {
      el.removeEventListener("wheel", onWheel);
      el.removeEventListener("pointerdown", onDown);
      el.removeEventListener("pointermove", onMove);
      el.removeEventListener("pointerup", onUp);
    };
  }, [svg, zoomAt, content]);

  const center = (factor: number) => {
    const r = svg.current?.getBoundingClientRect();
    zoomAt(factor, (r?.width ?? 0) / 2, (r?.height ?? 0) / 2);
  };
  return { ...view, fit, zoomIn: () => center(1.25), zoomOut: () => center(0.8) };
}
