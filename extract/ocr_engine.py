"""The OCR models: text detection, 0°/180° line classification and line recognition.

The engine is RapidOCR (the `rapidocr` package) on onnxruntime, whose wheel carries the
PP-OCR Chinese models (detection, recognition with its character list inside the model, and
the text-direction classifier): nothing is downloaded at run time, no GPU is needed.

    engine = ocr_engine()                 # one per process, loaded on first use
    quads = engine.detect(gray)           # text boxes, 4 corner points each (pixels)
    flipped = engine.upside_down(crops)   # True where a line image reads upside down
    lines = engine.recognize(crops)       # text, confidence and per-character positions

Recognition decodes the CTC output itself, so every character keeps its own confidence and
its position along the line (the x centre, in crop pixels): a recognised line becomes
per-character boxes with the gaps the print has.

Threads: one per session (`FUJIAN_OCR_THREADS` to change); batch workers are the parallelism.

Why RapidOCR 3.x: its wheel holds the models (PP-OCRv6 small detection and recognition, the
v4 direction classifier) and the recognition model carries its character list, so an install
from the registry works offline (checked in a fresh venv inside `unshare -n`); it runs on
onnxruntime's CPU wheel and the headless OpenCV camelot already uses. rapidocr-onnxruntime
1.4.4 (PP-OCRv4) needs the non-headless `opencv-python` next to camelot's headless build and
Python < 3.13; PaddleOCR, cnocr and EasyOCR download their models on first use (and pull
PaddlePaddle or PyTorch); Tesseract is a system package, not a Python install.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .model import ExtractionError

REC_BATCH = 8  # at most this many lines per recognition batch …
BATCH_SPREAD = 1.15  # … of widths within this ratio (padding a short line to a long one costs
# more than a batch saves: measured 1.05 s for 51 lines one by one, 1.42 s in batches of 8)


@dataclass
class RecognizedLine:
    text: str  # as decoded (spaces included)
    confidence: float  # mean of the character confidences (0 for an empty line)
    chars: list[tuple[str, float, float, float]]  # (char, confidence, x_left, x_right) in crop px
    alternatives: list[list[tuple[str, float]]] = field(default_factory=list)  # per char: other
    # readings the model gave some probability, best first (for the lexicon)


class OcrUnavailable(ExtractionError):
    """The OCR engine cannot be loaded (not installed, or its models are missing)."""


class OcrEngine:
    def __init__(self, threads: Optional[int] = None):
        threads = threads or int(os.environ.get("FUJIAN_OCR_THREADS", "1") or 1)
        try:
            from rapidocr import RapidOCR
        except ImportError as e:  # pragma: no cover - the default install has it
            raise OcrUnavailable(f"OCR is not installed ({e}); install fujian with its default "
                                 "dependencies (rapidocr, onnxruntime)") from None
        params = {
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        try:
            self._ocr = RapidOCR(params=params)
            self._det = self._ocr._load_det_model()
            self._cls = self._ocr._load_cls_model()
            self._rec = self._ocr._load_rec_model()
            self._chars = list(self._rec.postprocess_op.character)
        except Exception as e:
            raise OcrUnavailable(f"the OCR models cannot be loaded ({type(e).__name__}: {e})") from None
        self._height = int(self._rec.rec_image_shape[1])
        self._weights = _charset_weights(self._chars)
        self._lock = threading.Lock()

    # -- detection ------------------------------------------------------------------------
    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text boxes of a page image (grey or BGR), each a (4, 2) float array of corner
        points clockwise from the top left, in the image's pixels."""
        bgr = _bgr(image)
        with self._lock:
            out = self._det(bgr)
        if out.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float32) for b in out.boxes]

    # -- direction --------------------------------------------------------------------------
    def upside_down(self, crops: Sequence[np.ndarray]) -> list[tuple[bool, float]]:
        """For each line image: (reads upside down?, confidence)."""
        if not crops:
            return []
        with self._lock:
            out = self._cls([_bgr(c) for c in crops])
        return [(label == "180", float(score)) for label, score in out.cls_res]

    # -- recognition --------------------------------------------------------------------------
    def recognize(self, crops: Sequence[np.ndarray]) -> list[RecognizedLine]:
        results: list[Optional[RecognizedLine]] = [None] * len(crops)
        order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(1, crops[i].shape[0]))
        h = self._height
        for batch in _batches(order, [crops[i].shape[1] / max(1, crops[i].shape[0]) for i in order]):
            ratio = max(max(crops[i].shape[1] / max(1, crops[i].shape[0]) for i in batch),
                        self._rec.rec_image_shape[2] / h)
            inputs, widths = [], []
            for i in batch:
                img = _bgr(crops[i])
                inputs.append(self._rec.resize_norm_img(img, ratio)[np.newaxis])
                widths.append(min(int(np.ceil(h * img.shape[1] / max(1, img.shape[0]))), int(h * ratio)))
            with self._lock:
                preds = self._rec.session(np.concatenate(inputs).astype(np.float32))
            padded = int(h * ratio)
            for k, i in enumerate(batch):
                results[i] = self._decode(preds[k], padded, widths[k], crops[i].shape[1])
        return [r for r in results if r is not None]

    def _decode(self, probs: np.ndarray, padded: int, resized: int, crop_w: int) -> RecognizedLine:
        """Greedy CTC decoding with each character's confidence and horizontal extent."""
        steps = probs.shape[0]
        weighted = probs * self._weights
        best = weighted.argmax(axis=1)
        conf = probs[np.arange(steps), best]
        px = padded / steps * crop_w / max(1, resized)  # crop pixels per time step
        chars: list[tuple[str, float, float, float]] = []
        alternatives: list[list[tuple[str, float]]] = []
        prev = 0
        run_start = None
        for t in range(steps + 1):
            k = int(best[t]) if t < steps else 0
            if t < steps and k == prev and k != 0:
                continue
            if run_start is not None:  # a character's run ended at t-1
                c0 = run_start
                idx = int(best[c0])
                ch = self._chars[idx] if 0 <= idx < len(self._chars) else ""
                if ch:
                    peak = c0 + int(conf[c0:t].argmax())
                    chars.append((ch, float(conf[peak]), c0 * px, t * px))
                    alternatives.append(self._alternatives(weighted[peak], idx))
                run_start = None
            if t < steps and k != 0:
                run_start = t
            prev = k
        text = "".join(c[0] for c in chars)
        confidence = float(np.mean([c[1] for c in chars])) if chars else 0.0
        return RecognizedLine(text, confidence, chars, alternatives)

    def _alternatives(self, weighted: np.ndarray, chosen: int, n: int = 4,
                      floor: float = 0.01) -> list[tuple[str, float]]:
        top = np.argpartition(weighted, -n - 1)[-n - 1:]
        out = [(self._chars[i], float(weighted[i])) for i in top
               if i != chosen and i != 0 and weighted[i] >= floor and self._chars[i] != " "]
        return sorted(out, key=lambda a: -a[1])


def _batches(order: list[int], ratios: list[float]) -> list[list[int]]:
    """Consecutive lines (sorted by aspect ratio) of nearly the same width, at most REC_BATCH."""
    out: list[list[int]] = []
    first = 0.0
    for i, r in zip(order, ratios):
        if out and len(out[-1]) < REC_BATCH and r <= first * BATCH_SPREAD:
            out[-1].append(i)
        else:
            out.append([i])
            first = max(r, 1e-6)
    return out


OUTSIDE_CHARSET = 0.05  # weight of a character these documents never print (門 for 门, ヘ, 🛄)


def _charset_weights(chars: list[str]) -> np.ndarray:
    """Per model class, how much to trust it: the documents are simplified Chinese (GB2312:
    simplified hanzi, full-width punctuation, ≥ ≤ ％ …, not its foreign letters) with ASCII;
    the model also knows traditional, Japanese and other scripts, which here are only ever
    misreadings — a character outside the set wins only when the model is sure of it."""
    w = np.full(len(chars), OUTSIDE_CHARSET, dtype=np.float32)
    for i, ch in enumerate(chars):
        if i == 0 or ch == " " or (len(ch) == 1 and 32 < ord(ch) < 127):
            w[i] = 1.0
            continue
        if len(ch) == 1 and any(a <= ord(ch) <= b for a, b in _FOREIGN_IN_GB2312):
            continue
        try:
            ch.encode("gb2312")
            w[i] = 1.0
        except UnicodeEncodeError:
            pass
    return w


# GB2312 also holds Greek, Cyrillic, kana and bopomofo letters; a budget disclosure prints
# none of them (π for 元, に for a smudged 标 are misreadings)
_FOREIGN_IN_GB2312 = ((0x0370, 0x03FF), (0x0400, 0x04FF), (0x3040, 0x30FF), (0x3100, 0x312F))


def _bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return np.repeat(image[:, :, None], 3, axis=2)
    return image


_ENGINE: Optional[OcrEngine] = None
_ENGINE_LOCK = threading.Lock()


def ocr_engine() -> OcrEngine:
    """The process's engine (models are loaded once, ≈1 s)."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _ENGINE = OcrEngine()
    return _ENGINE
