"""What `pncaf new` asks, for a face that shows it as a form: each question's key (the
option's name with `_`), its French prompt, and whether it may be left empty (it then takes
its default, e.g. the site's address from the partner's)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Asked:
    key: str                # caf_name, siren, hours… (`--caf-name` on the command line)
    prompt: str             # in French, as the terminal asks it
    optional: bool          # has a default, or may be empty


def new_questions() -> list[Asked]:
    from pncaf.editing.creation import QUESTIONS

    return [Asked(q.key, q.prompt, q.default is not None) for q in QUESTIONS]
