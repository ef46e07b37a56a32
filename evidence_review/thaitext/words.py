"""The one Thai dictionary of a process, for repair, quality and classification alike.

nlpo3 holds a dictionary in about 55 MB, so a process loads ONE: pythainlp's word list plus the
domain words of :data:`VOCABULARY_FILE` (the bundled rubric's phrases and short terms, which
the classifier needs kept whole: ติดตามตัวชี้วัด, not ติดตามตัว|ชี้|วัด). Repair, quality and the
classifier's word boundaries all tokenize with it; only a rubric with other words loads a
second dictionary (:func:`load_dictionary`). A batch worker gets it from the fork server,
which loads it before forking (:func:`preload`).

``PYTHAINLP_READ_ONLY=1`` is set unless the caller chose otherwise, so importing pythainlp never
creates a data directory in the user's home.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

#: Thai runs worth tokenizing (letters and marks, no digits or punctuation).
THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
#: The fast engine for per-page work; newmm is the reference engine for measures.
FAST_ENGINE = "nlpo3"


#: Domain words the tokenizer keeps whole, one per line (see the module docstring); a test
#: keeps it equal to what the classifier adds for the bundled rubric.
VOCABULARY_FILE = Path(__file__).with_name("vocabulary.txt")


@lru_cache(maxsize=1)
def thai_words() -> frozenset[str]:
    """pythainlp's default word list (about 62,000 words)."""
    from pythainlp.corpus import thai_words as _words

    return frozenset(_words())


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The domain words of :data:`VOCABULARY_FILE`."""
    return frozenset(w for w in VOCABULARY_FILE.read_text(encoding="utf-8").splitlines() if w)


def _pythainlp_words_file() -> Path:
    import pythainlp.corpus

    return Path(pythainlp.corpus.__file__).with_name("words_th.txt")


def _private_dir() -> Path:
    """A folder only this user can write (``$TMPDIR/evidence-review-UID``, mode 0700); a fresh
    private one when that name is taken by someone else or is not a plain folder."""
    folder = Path(tempfile.gettempdir()) / f"evidence-review-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077:
            return folder
    except OSError:
        pass
    return Path(tempfile.mkdtemp(prefix="evidence-review-"))


def _dict_file(extra: list[str], digest: str) -> Path:
    """A word file: pythainlp's Thai words plus ``extra``, written once per word set in a
    private folder; an existing file is used only when its bytes are exactly these words (a
    file planted or left half-written is replaced)."""
    base = _pythainlp_words_file().read_text(encoding="utf-8")
    content = (base.rstrip("\n") + "\n" + "\n".join(extra) + "\n").encode("utf-8")
    target = _private_dir() / f"dict-{digest}.txt"
    try:
        if target.read_bytes() == content:
            return target
    except OSError:
        pass
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(content)
    tmp.replace(target)
    return target


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> str:
    import nlpo3

    digest = hashlib.sha256("\n".join(extra).encode("utf-8")).hexdigest()[:16]
    name = f"er-{digest}"
    message, ok = nlpo3.load_dict(str(_dict_file(list(extra), digest)), name)
    if not ok and "already" not in message.lower():
        raise RuntimeError(f"nlpo3 could not load its dictionary: {message}")
    return name


def load_dictionary(extra_words: Iterable[str] | None = None) -> str:
    """The name of the nlpo3 dictionary holding pythainlp's words plus ``extra_words``
    (:func:`vocabulary` when ``None``), loaded on first use; the same words give the same
    dictionary, loaded once per process.

    Raises:
        ImportError: nlpo3 is not installed.
    """
    if extra_words is None:
        return _default_dictionary()
    return _load(tuple(sorted({w for w in extra_words if w})))


@lru_cache(maxsize=1)
def _default_dictionary() -> str:
    """The name of the dictionary with :func:`vocabulary` (asked for on every page: the word
    set is sorted once, not per call)."""
    return _load(tuple(sorted({w for w in vocabulary() if w})))


def preload() -> None:
    """Load the dictionary now (the batch's fork server calls this, so that every worker it
    forks shares the dictionary's memory instead of loading its own)."""
    with contextlib.suppress(ImportError):  # no nlpo3: nothing to share
        load_dictionary()


def tokenize(text: str, engine: str = FAST_ENGINE) -> list[str]:
    """Split Thai text into words with pythainlp (``nlpo3`` by default, ``newmm`` for measures).

    >>> tokenize("ผลกระทบของระบบ")
    ['ผลกระทบ', 'ของ', 'ระบบ']
    """
    if not text:
        return []
    if engine == "nlpo3":  # straight to nlpo3 with the process's one dictionary
        import nlpo3

        return [t for t in nlpo3.segment(text, load_dictionary()) if not t.isspace()]
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine=engine, keep_whitespace=False)


def segment_all(text: str) -> list[str]:
    """Every token, whitespace included, so the tokens put together give ``text`` back.

    >>> segment_all("ระบบ ข้อมูลใหม่")
    ['ระบบ', ' ', 'ข้อมูล', 'ใหม่']
    """
    if not text:
        return []
    import nlpo3

    return list(nlpo3.segment(text, load_dictionary()))


def is_word(token: str) -> bool:
    """True when ``token`` is in the dictionary (pythainlp's words or the domain vocabulary).

    >>> is_word("ข้อมูล"), is_word("มูลข้อ"), is_word("สำรองข้อมูล")
    (True, False, True)
    """
    return token in thai_words() or token in vocabulary()


def _known_share(text: str) -> int:
    """Characters of ``text`` inside dictionary words of two or more characters."""
    return sum(len(tok) for tok in tokenize(text) if len(tok) > 1 and is_word(tok))


@lru_cache(maxsize=16384)
def lost_nikhahit(left: str, right: str) -> bool:
    """Whether ``left`` + "า" + ``right`` (a space stood before the า) reads better as ``ำ``.

    Word PDFs lose the nikhahit of ำ ("ท างาน" for ทำงาน); justified LibreOffice lines space
    out clusters ("หน้ าที่" for หน้าที่). The reading whose Thai is more dictionary words wins;
    on a tie the lost nikhahit, the more common defect, does.

    >>> lost_nikhahit("การท", "งาน"), lost_nikhahit("เจ้าหน้", "ที่"), lost_nikhahit("บ", "รุง")
    (True, False, True)
    """
    with_am = _known_share(left + "\u0e33" + right)
    with_aa = _known_share(left + "\u0e32" + right)
    return with_am >= with_aa
