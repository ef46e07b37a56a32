"""Imported by the batch's fork server before it forks any worker (see ``pool._preload``).

The Thai dictionary (about 55 MB inside nlpo3) and pythainlp's word list are loaded here once,
so every worker the server forks shares those pages copy-on-write (PSS counts them once)
instead of loading its own copy. ``gc.freeze()`` keeps the collector from touching (and so
copying) the objects made here.
"""

from __future__ import annotations

import gc

from evidence_review.thaitext import words

words.preload()
words.thai_words()
words.vocabulary()
gc.freeze()
