"""Words decide between readings the recogniser was unsure of.

Where the recogniser hesitated over a Chinese character (`卫牛股`: 牛 at 0.8, 生 at 0.15), the
reading that makes a word with its neighbours wins unless the model was much surer of the
other: each candidate scores ln(probability) + LEXICON_WEIGHT × log10(frequency of the most
frequent word of 2–4 characters it forms with the characters beside it). A character read
with confidence ≥ SURE is never changed, nor are digits, letters and punctuation (numbers are
not words), so a confident reading of a rare name stands. A shape these tables never print
inside Chinese text (■ □ ●: a smudged or stamped-over character) is unsure too.

Words: the dictionary that ships with jieba (≈350 000 words with corpus frequencies, read from
its package data), plus the form's own words (vocabulary: labels, level names, headers),
which count as very frequent.
"""
from __future__ import annotations

import math
import threading
from typing import Optional, Sequence

import regex

from .. import vocabulary

SURE = 0.95  # a character read this confidently stays
UNSURE = 0.8  # below this, a form word (4+ characters) one character away supplies a candidate
UNLISTED = 0.01  # … with this probability (the recogniser did not list it)
LEXICON_WEIGHT = 1.0  # ln-probability units per decade of word frequency
FORM_WORD_FREQUENCY = 1e5
_HAN = regex.compile(r"\p{Han}")
_BLOT = regex.compile(r"[\u25A0-\u25FF]")  # ■ □ ● ◆ …: a smudged character inside Chinese text


def _form_words() -> set[str]:
    words = set(vocabulary.HEADER_KEYS) | set(vocabulary.LEVEL_HEADERS) | set(vocabulary.TARGET_HEADERS)
    words |= set(vocabulary.LEVEL1_NAMES) | set(vocabulary.LEVEL2_NAMES)
    words |= set(vocabulary.INDICATOR_COLUMN_WORDS) | set(vocabulary.FORM_PHRASES)
    return {w for w in words if w}


class Lexicon:
    def __init__(self, words: dict[str, float], long_words: dict[str, float]):
        self.words = words  # 2–4 characters → log10 frequency
        self.long_words = long_words  # the form's longer words (5+ characters)
        self.form = [w for w in _form_words() if len(w) >= 4]
        self.longest = max((len(w) for w in long_words), default=4)

    @classmethod
    def load(cls) -> "Lexicon":
        words: dict[str, float] = {}
        try:
            from importlib.util import find_spec
            from pathlib import Path

            spec = find_spec("jieba")  # located, not imported (jieba's import is slow and noisy)
            if spec is None or not spec.origin:
                raise OSError("jieba is not installed")
            with open(Path(spec.origin).parent / "dict.txt", encoding="utf-8") as fh:
                for line in fh:
                    word, freq, _ = line.split(" ", 2)
                    if 2 <= len(word) <= 4:
                        words[word] = math.log10(int(freq) + 1)
        except (ImportError, ModuleNotFoundError, OSError, ValueError):
            pass  # no dictionary: the form's words still help
        long_words: dict[str, float] = {}
        form = math.log10(FORM_WORD_FREQUENCY)
        for w in _form_words():
            if len(w) <= 4:
                words[w] = max(words.get(w, 0.0), form)
            else:
                long_words[w] = form
        return cls(words, long_words)

    def support(self, chars: list[str], i: int, ch: str) -> float:
        """log10 frequency of the most frequent word `ch` makes at position i."""
        best = 0.0
        n = len(chars)
        for size in range(2, min(n, self.longest) + 1):
            table = self.words if size <= 4 else self.long_words
            for start in range(max(0, i - size + 1), min(i, n - size) + 1):
                w = "".join(chars[start:i]) + ch + "".join(chars[i + 1:start + size])
                f = table.get(w)
                if f is not None and f + 0.05 * size > best:
                    best = f + 0.05 * size  # of equally frequent words, the longer one
        return best

    def completions(self, chars: list[str], i: int) -> set[str]:
        """Characters that, put at position i, complete one of the form's words of 4+ characters."""
        found = set()
        for w in self.form:
            n = len(w)
            for start in range(max(0, i - n + 1), min(i, len(chars) - n) + 1):
                window = chars[start:start + n]
                if all(a == b for k, (a, b) in enumerate(zip(window, w)) if start + k != i):
                    found.add(w[i - start])
        return found

    def reread(self, chars: list[str], confidences: Sequence[float],
               alternatives: Sequence[Sequence[tuple[str, float]]]) -> list[str]:
        """The characters of a line, unsure Chinese characters replaced where a word says so."""
        out = list(chars)
        for i, (ch, conf) in enumerate(zip(chars, confidences)):
            if conf >= SURE or not (_HAN.match(ch) or (_BLOT.match(ch) and any(
                    0 <= j < len(chars) and _HAN.match(chars[j]) for j in (i - 1, i + 1)))):
                continue
            cands = [(ch, conf)] + [(a, p) for a, p in alternatives[i] if _HAN.match(a)]
            if conf < UNSURE:  # the form's own long words may also supply the character
                seen = {a for a, _ in cands}
                cands += [(a, UNLISTED) for a in self.completions(out, i) if a not in seen]
            if len(cands) == 1:
                continue
            scored = [(math.log(max(p, 1e-6)) + LEXICON_WEIGHT * self.support(out, i, a), a)
                      for a, p in cands]
            out[i] = max(scored, key=lambda s: s[0])[1]  # ties: the model's reading
        return out


_LEXICON: Optional[Lexicon] = None
_LOCK = threading.Lock()


def lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = Lexicon.load()
    return _LEXICON
