"""The git commit message of a change to one convention, made from its meaning.

Git and every tool that shows history (`git log --oneline`, GitLab, a shared drive's
viewer) show the subject line alone, cut at about 72 characters: so the subject names the
convention and the main events in at most `SUBJECT_MAX` characters, never cut within a
word, and every change is told in full in the body, one per paragraph, wrapped.
"""

from __future__ import annotations

import textwrap

from pncaf.review.changes import Change, FileReview

SUBJECT_MAX = 72
BODY_WIDTH = 72
#: What a subject names first: the events and signatures recorded, then what changed in
#: the convention's text. What follows from the rest (the effective date of a signature,
#: the status) is named only when nothing else changed, and not counted in « (+N) ».
_FIRST = ("event", "signature", "effective", "history-rewritten")
_FOLLOWS = ("effective-date", "status", "layout")


def commit_message(review: FileReview, file: str | None = None) -> str:
    """Subject (≤ `SUBJECT_MAX` characters), blank line, body listing every change;
    `file`: the file as the repository names it (default: as the review does)."""
    changes = sorted(review.changes, key=_rank)
    body = "\n".join(textwrap.fill(c.message, BODY_WIDTH, initial_indent="- ",
                                   subsequent_indent="  ", break_long_words=False,
                                   break_on_hyphens=False) for c in changes)
    subject = _subject(review, _parts(changes))
    where = file or review.file
    return f"{subject}\n\n{body}\n\nFichier : {where} (pncaf)" if body else subject


def _rank(change: Change) -> int:
    if change.kind in _FIRST:
        return 0
    return 2 if change.kind in _FOLLOWS else 1


def _parts(changes: list[Change]) -> list[str]:
    """The short forms the subject may name, most important first; both signatures in one."""
    named = [c for c in changes if c.kind not in _FOLLOWS] or changes
    signatures = [c.short for c in named if c.kind == "signature" and c.short]
    parts = [_short(c) for c in named if not (c.kind == "signature" and c.short)]
    if len(signatures) == 2:
        both = f"Signatures {signatures[0].removeprefix('Signature ')}, " \
               f"{signatures[1].removeprefix('Signature ')}"
        return [both, *parts]
    return [*signatures, *parts]


def _short(change: Change) -> str:
    """The change in a few words: its own short form, else its sentence up to the first
    pause (« Statut au 5 décembre 2026 : à venir → en cours » → its head)."""
    if change.short:
        return change.short
    head = change.message
    for pause in (" : ", " ; ", " (", ", "):
        head = head.split(pause, 1)[0]
    return head


def _subject(review: FileReview, parts: list[str]) -> str:
    """`name : part, part (+N)` within SUBJECT_MAX, cut only between words. The name is
    the partner's when the first part fits beside it, else the convention's id."""
    if not parts:
        return _fit(f"{review.title} : fichier modifié")
    name = review.title
    if len(f"{name} : {parts[0]}") > SUBJECT_MAX and review.convention:
        name = review.convention
    subject = f"{name} : {parts[0]}"
    for count, part in enumerate(parts[1:], start=1):
        left = len(parts) - count - 1
        more = f" (+{left})" if left else ""
        if len(f"{subject}, {part}{more}") > SUBJECT_MAX:
            subject += f" (+{len(parts) - count})"
            break
        subject += f", {part}"
    return _fit(subject)


def _fit(text: str) -> str:
    """`text`, or its words up to SUBJECT_MAX with « … » (a word is never cut)."""
    return textwrap.shorten(text, SUBJECT_MAX, placeholder=" …", break_long_words=False)
